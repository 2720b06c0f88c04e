package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The OData error body F&O answers failures with (schemas/dynamics365/README.md, "Sources: OData
 * errors"):
 * {@code {"error":{"code","message","innererror":{"message","type","stacktrace"}}}}. Shared by
 * the client (to read it) and the sandbox (to write it).
 */
public record ODataError(String code, String message, String innerMessage, String innerType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the ERP said, most specific first: the inner error's message carries the Infolog. */
    public String erpMessage() {
        if (innerMessage != null && !innerMessage.isBlank()) {
            return message == null || message.isBlank() || innerMessage.contains(message)
                    ? innerMessage : message + " " + innerMessage;
        }
        return message == null ? "" : message;
    }

    /** The error in a response body, if the body is one. */
    public static Optional<ODataError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject()) {
                return Optional.empty();
            }
            JsonNode inner = error.path("innererror");
            return Optional.of(new ODataError(text(error, "code"), text(error, "message"),
                    text(inner, "message"), text(inner, "type")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code == null ? "" : code);
        error.put("message", message == null ? "" : message);
        ObjectNode inner = error.putObject("innererror");
        inner.put("message", innerMessage == null ? "" : innerMessage);
        inner.put("type", innerType == null ? "" : innerType);
        inner.put("stacktrace", "");
        return root.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : null;
    }
}
