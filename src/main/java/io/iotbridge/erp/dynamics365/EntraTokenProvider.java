package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OAuth 2.0 client-credentials tokens from Microsoft Entra ID (schemas/dynamics365/README.md,
 * "Sources: Entra tokens"), cached
 * and renewed {@code tokenMargin} before they expire (at most half their lifetime early), and
 * dropped when the environment refuses one. One token at a time for all threads.
 */
final class EntraTokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dynamics365Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final AtomicInteger fetched = new AtomicInteger();
    private String token;
    private Instant renewAt = Instant.MIN;

    EntraTokenProvider(Dynamics365Settings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token, fetched when there is none or the cached one is due for renewal. */
    synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets {@code refused} (the environment answered 401), unless another thread already replaced it. */
    synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    int fetched() {
        return fetched.get();
    }

    private void fetch() {
        if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
            throw new Dynamics365AuthenticationException("no client secret for Dynamics 365: set "
                    + "BRIDGE_ERP_DYNAMICS365_CLIENT_SECRET (bridge.erp.dynamics365.client-secret)", null);
        }
        String form = "client_id=" + Dynamics365Settings.encode(settings.clientId())
                + "&client_secret=" + Dynamics365Settings.encode(settings.clientSecret())
                + "&scope=" + Dynamics365Settings.encode(settings.scope())
                + "&grant_type=client_credentials";
        HttpRequest request = HttpRequest.newBuilder(settings.tokenEndpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Dynamics365TransientException("token endpoint " + settings.tokenEndpoint()
                    + " unreachable: " + e.getMessage(), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Dynamics365TransientException("interrupted while fetching a token", 0, null, e);
        }
        JsonNode body = readJson(response.body());
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new Dynamics365TransientException("token endpoint answered HTTP " + response.statusCode(),
                    response.statusCode(), null, null);
        }
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            // Entra's error JSON: error, error_description (never echoes the secret)
            throw new Dynamics365AuthenticationException("Entra ID refused the token request of client "
                    + settings.clientId() + " for tenant " + settings.tenant() + " (HTTP " + response.statusCode()
                    + "): " + body.path("error").asText("?") + ": " + body.path("error_description").asText(""), null);
        }
        // expires_in is a number in v2 answers and a string in some v1 ones
        long lifetime = body.path("expires_in").asLong(3600);
        long margin = Math.min(settings.tokenMargin().toSeconds(), lifetime / 2);
        token = body.get("access_token").asText();
        renewAt = asked.plusSeconds(lifetime - margin);
        fetched.incrementAndGet();
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
