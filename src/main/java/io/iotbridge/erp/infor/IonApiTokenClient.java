package io.iotbridge.erp.infor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 password grant against the ION API's authorization server (schemas/infor/README.md,
 * "Sources: Tokens"):
 * {@code POST {pu}{ot}} with the service account key and secret. The token is cached until
 * shortly before it expires; {@link #invalidate(String)} drops it after a 401.
 */
public final class IonApiTokenClient {

    /** Renew this long before expiry, so a token never runs out in flight. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<IonApiCredentials> credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int fetched;

    public IonApiTokenClient(Supplier<IonApiCredentials> credentials, HttpClient http, Duration timeout, Clock clock) {
        this.credentials = credentials;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A valid access token, fetched only when none is cached or it is about to expire. */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forget {@code rejected} (the API answered 401 with it); a newer token is kept. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    /** How many tokens this client has fetched. */
    public synchronized int tokensFetched() {
        return fetched;
    }

    private void fetch() {
        IonApiCredentials c = credentials.get();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", c.serviceAccountKey());
        form.put("password", c.serviceAccountSecret());
        form.put("client_id", c.clientId());
        form.put("client_secret", c.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.tokenUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InforUnavailableException("Infor token endpoint " + c.tokenUrl() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InforUnavailableException("interrupted while fetching an Infor token", e);
        }
        int status = response.statusCode();
        if (status == 400 || status == 401) {
            throw new InforAuthException(status, "Infor token endpoint " + c.tokenUrl() + " refused the credentials of "
                    + c.serviceAccountKey() + " (HTTP " + status + "): " + oauthError(response.body()));
        }
        if (status / 100 != 2) {
            throw new InforUnavailableException("Infor token endpoint " + c.tokenUrl() + " answered HTTP " + status, null);
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            String accessToken = json.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                throw new InforUnavailableException("Infor token endpoint answered without access_token", null);
            }
            long expiresIn = json.path("expires_in").asLong(3600);
            Duration lifetime = Duration.ofSeconds(expiresIn);
            // a short-lived token is renewed at half its life rather than never being cached
            Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
            token = accessToken;
            renewAt = asked.plus(lifetime).minus(margin);
            fetched++;
        } catch (IOException e) {
            throw new InforUnavailableException("Infor token endpoint answered no JSON", e);
        }
    }

    /** error and error_description of an OAuth error reply; never the request's secrets. */
    private static String oauthError(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String error = json.path("error").asText("");
            String description = json.path("error_description").asText("");
            return (error + (description.isEmpty() ? "" : " - " + description)).trim();
        } catch (IOException e) {
            return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
