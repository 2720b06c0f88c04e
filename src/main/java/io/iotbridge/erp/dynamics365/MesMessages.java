package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MES integration message contract (schemas/dynamics365/README.md, "Sources: MES
 * integration"), for the mapper and the sandbox:
 * the SendMessage envelope's names and the content's JSON schema,
 * schemas/dynamics365/prod-production-order-report-finished.schema.json.
 *
 * <p>UNCONFIRMED: Microsoft's ProdProductionOrderReportFinished content has no field for our
 * document key or reading ids. We send them in an extra top-level member of the content,
 * {@link #TRACE} = {@code {"Key": ..., "ReadingIds": [...]}}, assuming the MES integration
 * ignores members it does not know. This constant and the schema are the places to correct.
 * Nor does SendMessage document any de-duplication: a replayed message is recognised only by
 * that key (the sandbox does; F&O may not).
 */
public final class MesMessages {

    public static final String QUEUE = "JmgMES3P";
    public static final String REPORT_FINISHED = "ProdProductionOrderReportFinished";
    /** Where our key and reading ids ride in the content (UNCONFIRMED, see above). */
    public static final String TRACE = "IotBridge";

    private static final String SCHEMA = "prod-production-order-report-finished.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonSchema schema;

    private MesMessages() {
    }

    /** @throws Dynamics365InvalidDocumentException naming every violation */
    public static void validateContent(JsonNode content) {
        Set<ValidationMessage> errors = schema().validate(content);
        if (!errors.isEmpty()) {
            throw new Dynamics365InvalidDocumentException("the message content does not match " + SCHEMA + ": "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")), null);
        }
    }

    /** The content's document key, or {@code null}. */
    public static String key(JsonNode content) {
        JsonNode key = content.path(TRACE).path("Key");
        return key.isTextual() ? key.asText() : null;
    }

    public static List<String> readingIds(JsonNode content) {
        List<String> ids = new ArrayList<>();
        content.path(TRACE).path("ReadingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Dynamics365InvalidDocumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            try (InputStream in = Dynamics365Schema.locate(SCHEMA).openStream()) {
                // the schema has no remote references; nothing is fetched
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + SCHEMA + ": " + e.getMessage(), e);
            }
            schema = s;
        }
        return s;
    }
}
