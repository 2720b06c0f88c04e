package io.iotbridge.sandbox.dynamics365;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRequests;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: Entra ID's client-credentials grant as Microsoft
 * documents it (schemas/dynamics365/README.md, "Sources: Entra tokens"), for the one app
 * registration the sandbox knows.
 */
final class EntraTokenEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final byte[] clientSecret;
    private final SandboxTokens tokens;

    EntraTokenEndpoint(String clientId, String clientSecret, SandboxTokens tokens) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    int handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = SandboxRequests.form(SandboxHttp.body(exchange));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(exchange, "unsupported_grant_type", 70003,
                    "AADSTS70003: The app requested an unsupported grant type.");
        }
        String secret = form.getOrDefault("client_secret", "");
        boolean secretMatches = MessageDigest.isEqual(clientSecret, secret.getBytes(StandardCharsets.UTF_8));
        if (!clientId.equals(form.get("client_id")) || secret.isEmpty() || !secretMatches) {
            return error(exchange, "invalid_client", 7000215,
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the "
                            + "client secret value, not the client secret ID, for a secret added to app '"
                            + form.getOrDefault("client_id", "") + "'.");
        }
        String scope = form.getOrDefault("scope", "");
        if (!scope.endsWith("/.default")) {
            return error(exchange, "invalid_scope", 1002012,
                    "AADSTS1002012: The provided value for scope " + scope + " is not valid. Client credential flows "
                            + "must have a scope value with /.default suffixed to the resource identifier.");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.lifetime().toSeconds());
        body.put("ext_expires_in", tokens.lifetime().toSeconds());
        body.put("access_token", tokens.issue());
        SandboxHttp.json(exchange, 200, body.toString());
        return 200;
    }

    private static int error(HttpExchange exchange, String error, int code, String description) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        body.putArray("error_codes").add(code);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        SandboxHttp.json(exchange, 400, body.toString());
        return 400;
    }
}
