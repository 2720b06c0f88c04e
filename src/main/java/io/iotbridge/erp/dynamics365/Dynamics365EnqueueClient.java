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
 * Delivers entity documents to the recurring-integration enqueue endpoint over HTTPS with a
 * cached Entra ID token. Failures are classified (DESIGN.md §6) by {@link Dynamics365Failures}:
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
     * Enqueues one meter document into {@code bridge.erp.dynamics365.meter-entity}; returns the
     * message id F&O answers with (the response body).
     */
    public String enqueue(EntityDocument document) {
        if (!"meter".equals(document.kind())) {
            throw new IllegalArgumentException("the Dynamics 365 module sends no " + document.kind() + " documents yet");
        }
        URI uri = settings.enqueueUri(settings.meterEntity());
        Duration backoff = FIRST_BACKOFF;
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token();
            HttpResponse<String> response;
            try {
                response = http.send(request(uri, token, document), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                Dynamics365TransientException failure = new Dynamics365TransientException(
                        "Dynamics 365 enqueue at " + uri + " failed: " + e.getMessage(), 0, null, e);
                backoff = waitOrThrow(failure, attempt, backoff, document);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Dynamics365TransientException("interrupted while enqueueing " + document.key(), 0, null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                String messageId = response.body().strip();
                LOG.debug("Dynamics 365 accepted {} as message {}", document.key(), messageId);
                return messageId;
            }
            if (status == 401 && !reauthenticated) {
                LOG.info("Dynamics 365 refused the access token; fetching a new one");
                tokens.invalidate(token);
                reauthenticated = true;
                attempt--;
                continue;
            }
            RuntimeException failure = Dynamics365Failures.classify(response, document.key());
            if (failure instanceof Dynamics365TransientException transientFailure) {
                backoff = waitOrThrow(transientFailure, attempt, backoff, document);
                continue;
            }
            throw failure;
        }
    }

    /** How many tokens this client has fetched (a renewal counts). */
    public int tokensFetched() {
        return tokens.fetched();
    }

    public Dynamics365Settings settings() {
        return settings;
    }

    private HttpRequest request(URI uri, String token, EntityDocument document) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/xml; charset=utf-8")
                .header(EXTERNAL_ID_HEADER, document.key())
                .POST(HttpRequest.BodyPublishers.ofString(document.xml(), StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Waits before the next attempt (the Retry-After when the ERP gave one, else the back-off) or
     * rethrows when attempts are used up or the ERP asks for a longer pause than we hold a thread for.
     */
    private Duration waitOrThrow(Dynamics365TransientException failure, int attempt, Duration backoff,
                                 EntityDocument document) {
        Duration wait = failure.retryAfter().orElse(backoff);
        if (attempt >= settings.maxAttempts() || wait.compareTo(settings.maxRetryAfter()) > 0) {
            throw failure;
        }
        LOG.info("Dynamics 365 delivery of {} failed transiently ({}); attempt {} in {} ms",
                document.key(), failure.getMessage(), attempt + 1, wait.toMillis());
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        return backoff.multipliedBy(2);
    }
}
