package io.iotbridge.erp.dynamics365;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers entity documents to the recurring-integration enqueue endpoint, and MES messages to
 * SendMessage, over HTTPS with a cached Entra ID token. Failures are classified (docs/architecture.md, "Delivery core") by {@link Dynamics365Failures}:
 * 401 fetches a new token once and replays; 429 waits the Retry-After and 5xx/IO back off, up to
 * {@code maxAttempts}; an OData business error is permanent. Every attempt carries the same
 * {@code x-ms-dyn-externalidentifier}, so a replay never makes a second record. Thread-safe.
 */
public final class Dynamics365EnqueueClient {

    public static final String EXTERNAL_ID_HEADER = "x-ms-dyn-externalidentifier";

    private static final Logger LOG = LoggerFactory.getLogger(Dynamics365EnqueueClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final Dynamics365Settings settings;
    private final HttpClient http;
    private final EntraTokenProvider tokens;

    public Dynamics365EnqueueClient(Dynamics365Settings settings) {
        this.settings = settings;
        // HTTP/1.1: no h2c upgrade dance with on-prem proxies or the sandbox
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.tokens = new EntraTokenProvider(settings, http, Clock.systemUTC());
    }

    /**
     * Enqueues one entity document (meter or alert) into the entity configured for its kind;
     * returns the message id F&O answers with (the response body).
     */
    public String enqueue(EntityDocument document) {
        URI uri = settings.enqueueUri(settings.entityFor(document.kind()));
        return deliver(uri, "application/xml; charset=utf-8", document.xml(), document.key(), document.key());
    }

    /**
     * Sends one MES integration message (a counter report) to SysMessageService/SendMessage;
     * returns F&O's answer (UNCONFIRMED: its body; the sandbox answers an empty 200).
     */
    public String sendMessage(MesMessage message) {
        // SendMessage knows no external identifier; the key travels inside the message (MesMessages)
        return deliver(settings.sendMessageUri(), "application/json; charset=utf-8", message.json(), message.key(), null);
    }

    private String deliver(URI uri, String contentType, String body, String key, String externalId) {
        Duration backoff = FIRST_BACKOFF;
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token();
            HttpResponse<String> response;
            try {
                response = http.send(request(uri, token, contentType, body, externalId),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                Dynamics365TransientException failure = new Dynamics365TransientException(
                        "Dynamics 365 call to " + uri + " failed: " + e.getMessage(), 0, null, e);
                backoff = waitOrThrow(failure, attempt, backoff, key);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Dynamics365TransientException("interrupted while delivering " + key, 0, null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                String answer = response.body().strip();
                LOG.debug("Dynamics 365 accepted {} ({})", key, answer);
                return answer;
            }
            if (status == 401 && !reauthenticated) {
                LOG.info("Dynamics 365 refused the access token; fetching a new one");
                tokens.invalidate(token);
                reauthenticated = true;
                attempt--;
                continue;
            }
            RuntimeException failure = Dynamics365Failures.classify(response, key);
            if (failure instanceof Dynamics365TransientException transientFailure) {
                backoff = waitOrThrow(transientFailure, attempt, backoff, key);
                continue;
            }
            throw failure;
        }
    }

    /**
     * One OData read (the work-order lookup); 401 fetches a new token once. A failure is classified
     * like a delivery's but not retried here: the document waiting for it is retried as a whole.
     */
    public String get(URI uri, String what) {
        boolean reauthenticated = false;
        while (true) {
            String token = tokens.token();
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new Dynamics365TransientException("Dynamics 365 query for " + what + " failed: " + e.getMessage(), 0, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Dynamics365TransientException("interrupted while querying " + what, 0, null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            if (status == 401 && !reauthenticated) {
                tokens.invalidate(token);
                reauthenticated = true;
                continue;
            }
            throw Dynamics365Failures.classify(response, what);
        }
    }

    /** How many tokens this client has fetched (a renewal counts). */
    public int tokensFetched() {
        return tokens.fetched();
    }

    public Dynamics365Settings settings() {
        return settings;
    }

    private HttpRequest request(URI uri, String token, String contentType, String body, String externalId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType);
        if (externalId != null) {
            request.header(EXTERNAL_ID_HEADER, externalId);
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /**
     * Waits before the next attempt (the Retry-After when the ERP gave one, else the back-off) or
     * rethrows when attempts are used up or the ERP asks for a longer pause than we hold a thread for.
     */
    private Duration waitOrThrow(Dynamics365TransientException failure, int attempt, Duration backoff, String key) {
        Duration wait = failure.retryAfter().orElse(backoff);
        if (attempt >= settings.maxAttempts() || wait.compareTo(settings.maxRetryAfter()) > 0) {
            throw failure;
        }
        LOG.info("Dynamics 365 delivery of {} failed transiently ({}); attempt {} in {} ms",
                key, failure.getMessage(), attempt + 1, wait.toMillis());
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        return backoff.multipliedBy(2);
    }
}
