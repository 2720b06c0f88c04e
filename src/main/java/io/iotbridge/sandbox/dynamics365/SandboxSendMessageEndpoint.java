package io.iotbridge.sandbox.dynamics365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.dynamics365.Dynamics365Entities;
import io.iotbridge.erp.dynamics365.Dynamics365InvalidDocumentException;
import io.iotbridge.erp.dynamics365.MesMessages;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxRequests;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/services/SysMessageServices/SysMessageService/SendMessage}
 * (schemas/dynamics365/README.md, "Sources: MES integration"): checks the token and the
 * envelope; a ProdProductionOrderReportFinished message must
 * carry content valid against its schema, and is recorded (kind counter) once per document key
 * ({@link MesMessages#TRACE}); a replay is answered 200 and not recorded again. Other message
 * types are answered 200 without a record.
 *
 * <p>UNCONFIRMED: the response body of SendMessage; the sandbox answers an empty 200.
 */
final class SandboxSendMessageEndpoint {

    static final String MES_QUEUE = MesMessages.QUEUE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxTokens tokens;
    private final SandboxRecorder recorder;
    private final Clock clock;
    /** document keys already recorded */
    private final Map<String, Boolean> accepted = new ConcurrentHashMap<>();

    SandboxSendMessageEndpoint(SandboxTokens tokens, SandboxRecorder recorder, Clock clock) {
        this.tokens = tokens;
        this.recorder = recorder;
        this.clock = clock;
    }

    int handle(HttpExchange exchange) throws IOException {
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            SandboxHttp.text(exchange, 401, "");
            return 401;
        }
        String body = SandboxHttp.body(exchange);
        String problem;
        JsonNode message = null;
        try {
            message = JSON.readTree(body);
            problem = envelopeProblem(message);
        } catch (IOException e) {
            problem = "The request body is not JSON: " + e.getMessage();
        }
        if (problem == null && MesMessages.REPORT_FINISHED.equals(message.path("_messageType").asText())) {
            try {
                JsonNode content = MesMessages.parse(message.get("_messageContent").asText());
                MesMessages.validateContent(content);
                record(content, body, exchange);
            } catch (Dynamics365InvalidDocumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            ODataAnswers.error(exchange, 400, new ODataError("", problem, "", ""));
            return 400;
        }
        SandboxHttp.text(exchange, 200, "");
        return 200;
    }

    private void record(JsonNode content, String body, HttpExchange exchange) {
        String key = MesMessages.key(content);
        if (key == null || accepted.putIfAbsent(key, Boolean.TRUE) == null) {
            // SendMessage answers 200 with an empty body (UNCONFIRMED: Microsoft documents no body)
            recorder.record(new SandboxRecord(Dynamics365Entities.ERP, "counter",
                    key == null ? content.path("ProductionOrderNumber").asText() : key, clock.instant(),
                    MesMessages.readingIds(content), body, SandboxRequests.url(exchange), exchange.getRequestMethod(),
                    SandboxRequests.headers(exchange, List.of("Authorization", "Content-Type")), 200, ""));
        }
    }

    private static String envelopeProblem(JsonNode message) {
        if (!message.path("_companyId").isTextual()) {
            return "_companyId is required";
        }
        if (!MES_QUEUE.equals(message.path("_messageQueue").asText())) {
            return "_messageQueue must be " + MES_QUEUE;
        }
        if (!message.path("_messageType").isTextual()) {
            return "_messageType is required";
        }
        // the content is a JSON document serialized into a string, not a nested object
        if (!message.path("_messageContent").isTextual()) {
            return "_messageContent must be a string holding the message's JSON";
        }
        return null;
    }
}
