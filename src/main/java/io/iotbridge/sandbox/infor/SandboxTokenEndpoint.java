package io.iotbridge.sandbox.infor;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's {@code {pu}{ot}}: the password grant with the sandbox's own credentials. Wrong
 * grant type or user → 400, wrong client → 401, as an OAuth server answers.
 */
final class SandboxTokenEndpoint {

    static final long EXPIRES_IN_SECONDS = 7200;

    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();

    void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            SandboxHttp.json(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST only"));
            return;
        }
        Map<String, String> form = form(SandboxHttp.bodyText(exchange));
        if (!"password".equals(form.get("grant_type"))) {
            SandboxHttp.json(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!InforSandboxCredentials.CLIENT_ID.equals(form.get("client_id"))
                || !InforSandboxCredentials.CLIENT_SECRET.equals(form.get("client_secret"))) {
            SandboxHttp.json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!InforSandboxCredentials.SERVICE_ACCOUNT_KEY.equals(form.get("username"))
                || !InforSandboxCredentials.SERVICE_ACCOUNT_SECRET.equals(form.get("password"))) {
            SandboxHttp.json(exchange, 400, Map.of("error", "invalid_grant",
                    "error_description", "unknown service account or wrong secret"));
            return;
        }
        String token = "sandbox-" + UUID.randomUUID();
        valid.add(token);
        issued.incrementAndGet();
        SandboxHttp.json(exchange, 200, Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", EXPIRES_IN_SECONDS, "refresh_token", "sandbox-refresh-" + UUID.randomUUID()));
    }

    /** Whether the request carries a Bearer token this endpoint issued and has not expired. */
    boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && valid.contains(header.substring(7).trim());
    }

    void expireAll() {
        valid.clear();
    }

    int issued() {
        return issued.get();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
