package io.iotbridge.sandbox.infor;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRequests;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox's {@code {pu}{ot}}: the password grant with the sandbox's own credentials. Wrong
 * grant type or user → 400, wrong client → 401, as an OAuth server answers.
 */
final class IonApiTokenEndpoint {

    static final Duration LIFETIME = Duration.ofSeconds(7200);

    private final SandboxTokens tokens = new SandboxTokens(Clock.systemUTC(), LIFETIME);

    void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            IonApiAnswers.json(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST only"));
            return;
        }
        Map<String, String> form = SandboxRequests.form(SandboxHttp.body(exchange));
        if (!"password".equals(form.get("grant_type"))) {
            IonApiAnswers.json(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!InforSandboxCredentials.CLIENT_ID.equals(form.get("client_id"))
                || !InforSandboxCredentials.CLIENT_SECRET.equals(form.get("client_secret"))) {
            IonApiAnswers.json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!InforSandboxCredentials.SERVICE_ACCOUNT_KEY.equals(form.get("username"))
                || !InforSandboxCredentials.SERVICE_ACCOUNT_SECRET.equals(form.get("password"))) {
            IonApiAnswers.json(exchange, 400, Map.of("error", "invalid_grant",
                    "error_description", "unknown service account or wrong secret"));
            return;
        }
        IonApiAnswers.json(exchange, 200, Map.of("access_token", tokens.issue(), "token_type", "Bearer",
                "expires_in", LIFETIME.toSeconds(), "refresh_token", "sandbox-refresh-" + UUID.randomUUID()));
    }

    /** Whether the request carries a Bearer token this endpoint issued and has not expired. */
    boolean authorized(HttpExchange exchange) {
        return tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    void expireAll() {
        tokens.expireAll();
    }

    int issued() {
        return tokens.issued();
    }
}
