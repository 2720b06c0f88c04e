package io.iotbridge.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * schemas/reading.schema.json, the canonical reading's JSON Schema: what POST /api/v1/readings
 * checks every reading against. The schema file is the one truth of what a valid reading is.
 */
public final class ReadingSchema {

    public static final String FILE = "reading.schema.json";

    /** One thing wrong with one reading of a request: which reading, which field, why. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Violation(Integer index, String field, String error) {
    }

    private final JsonSchema schema;

    private ReadingSchema(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * The longest text each field may hold (its {@code maxLength}), for the sources that take a
     * reading without this schema's check (MQTT): the same limits, from the same file.
     */
    public Map<String, Integer> maxLengths() {
        Map<String, Integer> lengths = new TreeMap<>();
        schema.getSchemaNode().path("properties").properties().forEach(field -> {
            if (field.getValue().has("maxLength")) {
                lengths.put(field.getKey(), field.getValue().get("maxLength").asInt());
            }
        });
        return Map.copyOf(lengths);
    }

    /** The schema from schemas/ (or bridge.schemas.dir / BRIDGE_SCHEMAS_DIR), else from the class path. */
    public static ReadingSchema load() {
        String dir = System.getProperty("bridge.schemas.dir", System.getenv("BRIDGE_SCHEMAS_DIR"));
        Path path = Path.of(dir == null || dir.isBlank() ? "schemas" : dir, FILE);
        try (InputStream in = Files.isRegularFile(path) ? Files.newInputStream(path)
                : ReadingSchema.class.getClassLoader().getResourceAsStream("schemas/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("reading schema not found: " + path.toAbsolutePath()
                        + " (set bridge.schemas.dir to the directory holding " + FILE + ")");
            }
            // format "date-time" is asserted, not only annotated; the schema references nothing remote
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return new ReadingSchema(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Every violation of the schema by the reading at {@code index} of a request, by field. */
    public List<Violation> violations(int index, JsonNode reading) {
        // a field breaking two rules (its type, and the type the quality rule asks for) is named
        // once, with the more specific, shorter reason
        Map<String, Violation> byField = new TreeMap<>();
        for (ValidationMessage m : schema.validate(reading)) {
            Violation v = new Violation(index, field(m), m.getError());
            byField.merge(v.field() == null ? "" : v.field(), v,
                    (a, b) -> a.error().length() <= b.error().length() ? a : b);
        }
        return List.copyOf(byField.values());
    }

    /** The field a message is about: the missing or unexpected property, else the instance's location. */
    private static String field(ValidationMessage message) {
        if (message.getProperty() != null) {
            return message.getProperty();
        }
        // the location is a JSON pointer (/value) or a path ($.value), after the schema's dialect
        String location = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?|^/", "");
        return location.isEmpty() ? null : location.replace('/', '.');
    }
}
