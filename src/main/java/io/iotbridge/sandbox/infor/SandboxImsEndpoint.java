package io.iotbridge.sandbox.infor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.infor.ImsPublisher;
import io.iotbridge.erp.infor.InforDocuments;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's ION Messaging Service: {@code ping} and {@code v2/multipartMessage}. A message is
 * checked (Bearer token, the two parts, the BOD against schemas/infor), recorded once per
 * messageId (a replay is answered as a success and not recorded again), and answered like v2:
 * 201 {"message":"Published successfully"}.
 */
final class SandboxImsEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IonApiTokenEndpoint tokens;
    private final ImsFaults faults;
    private final SandboxRecorder recorder;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    SandboxImsEndpoint(IonApiTokenEndpoint tokens, ImsFaults faults, SandboxRecorder recorder) {
        this.tokens = tokens;
        this.faults = faults;
        this.recorder = recorder;
    }

    void handle(HttpExchange exchange, String operation) throws IOException {
        if (faults.takeFailure()) {
            IonApiAnswers.message(exchange, 503, "Service Unavailable (sandbox fault injection)");
            return;
        }
        if (!tokens.authorized(exchange)) {
            IonApiAnswers.message(exchange, 401, "Unauthorized: missing, unknown or expired Bearer token");
            return;
        }
        switch (operation) {
            case ImsPublisher.PING -> IonApiAnswers.message(exchange, 200, "ION Messaging Service is up (sandbox)");
            case ImsPublisher.MULTIPART_MESSAGE -> {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    IonApiAnswers.message(exchange, 405, "POST only");
                } else {
                    publish(exchange);
                }
            }
            default -> IonApiAnswers.message(exchange, 404, "no such IMS operation: " + operation);
        }
    }

    private void publish(HttpExchange exchange) throws IOException {
        Map<String, byte[]> parts;
        JsonNode parameters;
        try {
            parts = MultipartForm.parse(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes());
            byte[] request = parts.get("ParameterRequest");
            if (request == null || !parts.containsKey("MessagePayload")) {
                throw new IllegalArgumentException("the parts ParameterRequest and MessagePayload are required");
            }
            parameters = JSON.readTree(request);
            for (String key : new String[] {"documentName", "fromLogicalId"}) {
                if (parameters == null || parameters.path(key).asText("").isBlank()) {
                    throw new IllegalArgumentException("ParameterRequest has no " + key);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            IonApiAnswers.message(exchange, 400, "Invalid request: " + e.getMessage());
            return;
        }
        ImsFaults.Rejection rejection = faults.takeRejection();
        if (rejection != null) {
            IonApiAnswers.message(exchange, rejection.status(), rejection.message());
            return;
        }
        // the payload exactly as received (encoding NONE, characterSet UTF-8)
        String payload = new String(parts.get("MessagePayload"), StandardCharsets.UTF_8);
        String documentName = parameters.get("documentName").asText();
        ReceivedBod bod;
        try {
            bod = ReceivedBod.read(payload);
        } catch (IllegalArgumentException e) {
            IonApiAnswers.message(exchange, 412, e.getMessage());
            return;
        }
        if (!bod.documentName().equals(documentName)) {
            IonApiAnswers.message(exchange, 412, "documentName " + documentName + " does not match the BOD, a "
                    + bod.documentName());
            return;
        }
        String kind = InforDocuments.kindOf(bod.noun()).orElse(null);
        if (kind == null) {
            IonApiAnswers.message(exchange, 412, "no connection point accepts " + documentName + " (sandbox)");
            return;
        }
        String messageId = parameters.path("messageId").asText("");
        String key = messageId.isBlank() ? bod.documentId() : messageId;
        if (seen.add(key)) {
            // the documentName travels in the ParameterRequest part, beside the payload: recorded as a header would be
            Map<String, String> headers = new LinkedHashMap<>(SandboxRequests.headers(exchange,
                    List.of("Authorization", "Content-Type")));
            headers.put("ParameterRequest.documentName", documentName);
            recorder.record(new SandboxRecord(InforDocuments.ERP, kind, key, Instant.now(), bod.readingIds(), payload,
                    SandboxRequests.url(exchange), exchange.getRequestMethod(), headers, 201,
                    "{\"message\":\"Published successfully\"}"));
        }
        IonApiAnswers.message(exchange, 201, "Published successfully");
    }
}
