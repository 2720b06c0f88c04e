package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * {@code POST /api/services/SysMessageServices/SysMessageService/SendMessage} (erp-interfaces.md
 * §2.3), for the counter kind to come: checks the token and the envelope and answers 200.
 * It records nothing yet: the module does not send counter documents.
 *
 * <p>UNCONFIRMED: the response body of SendMessage; the sandbox answers an empty 200.
 */
final class SandboxSendMessageEndpoint {

    static final String MES_QUEUE = "JmgMES3P";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxTokens tokens;

    SandboxSendMessageEndpoint(SandboxTokens tokens) {
        this.tokens = tokens;
    }

    int handle(HttpExchange exchange) throws IOException {
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            SandboxHttp.text(exchange, 401, "");
            return 401;
        }
        String problem;
        try {
            JsonNode message = JSON.readTree(SandboxHttp.body(exchange));
            problem = envelopeProblem(message);
        } catch (IOException e) {
            problem = "The request body is not JSON: " + e.getMessage();
        }
        if (problem != null) {
            SandboxHttp.odataError(exchange, 400, new ODataError("", problem, "", ""));
            return 400;
        }
        SandboxHttp.text(exchange, 200, "");
        return 200;
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
