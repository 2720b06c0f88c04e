package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Service Layer session (REST/OData at {@code <url>/b1s/<version>}): Login with company database,
 * user and password on first use, the B1SESSION (and ROUTEID) cookies on every call, a new Login
 * when the session has been idle longer than its SessionTimeout or an answer is 401 (then the call
 * is sent once more), Logout on close. Thread-safe.
 *
 * <p>A refused Login is not tried again before the login retry delay has passed: until then every
 * call fails at once with the refusal, without a Login, so a wrong password does not lock the B1
 * user through the delivery retries; the refusal is logged once.
 *
 * <p>Failures: {@link SapB1RejectedException} (a 4xx error from the Service Layer: SAP's code and
 * message), {@link SapB1SessionException} (no session to be had), {@link ServiceLayerUnavailableException}
 * (unreachable, timeout, 5xx: transient).
 */
public final class ServiceLayerClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLayerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final String servicePath;
    private final ServiceLayerLogin login;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Object sessionLock = new Object();
    private final AtomicInteger logins = new AtomicInteger();
    /** Guarded by sessionLock. */
    private final LoginBackoff backoff;
    private volatile Session session;
    private volatile boolean closed;

    /** The cookies of one session, its timeout, and when it was last used. */
    private static final class Session {
        final String cookie;
        final Duration timeout;
        volatile Instant lastUsed;

        Session(String cookie, Duration timeout, Instant lastUsed) {
            this.cookie = cookie;
            this.timeout = timeout;
            this.lastUsed = lastUsed;
        }
    }

    /**
     * @param url     the Service Layer's base, e.g. {@code https://b1-server:50000}
     * @param version {@code v1} (OData 3) or {@code v2} (OData 4)
     * @param tls     the trust the HTTPS connection checks the server's certificate against
     */
    public ServiceLayerClient(String url, String version, ServiceLayerLogin login, SSLContext tls,
            Duration connectTimeout, Duration timeout, Duration loginRetryDelay, Clock clock) {
        if (!"v1".equals(version) && !"v2".equals(version)) {
            throw new IllegalArgumentException("bridge.erp.sap-b1.service-layer.version must be v1 or v2, not '"
                    + version + "'");
        }
        String base = Objects.requireNonNull(url, "url").replaceAll("/+$", "");
        this.root = base + "/b1s/" + version;
        this.servicePath = URI.create(root).getPath();
        this.login = Objects.requireNonNull(login, "login");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new LoginBackoff(Objects.requireNonNull(loginRetryDelay, "loginRetryDelay"), clock);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The service root, e.g. {@code https://b1-server:50000/b1s/v2}. */
    public String root() {
        return root;
    }

    /**
     * Adds one entity; returns its key from the answer ({@code keyField}), or {@code ourKey} when
     * SAP refuses it as a duplicate (-2035): a replay of a document already booked.
     *
     * @throws SapB1RejectedException if the Service Layer refuses it for another reason
     */
    public String add(String entitySet, ObjectNode entity, String keyField, String ourKey) {
        HttpResponse<String> answer = call(cookie -> json(entitySet, cookie).POST(body(entity.toString())).build());
        if (answer.statusCode() / 100 == 2) {
            return keyOf(answer.body(), keyField, ourKey);
        }
        ServiceLayerErrors.Error error = ServiceLayerErrors.read(answer.body());
        if (error.isDuplicateKey()) {
            LOG.info("SAP Business One already holds {} in {} (replayed document); counted as accepted", ourKey, entitySet);
            return ourKey;
        }
        throw new SapB1RejectedException(error.code(), error.message() + " (" + entitySet + " " + ourKey + ")", null);
    }

    /**
     * Sends one change set of POSTs to an entity set as a {@code $batch}; returns the answer's
     * messages in order (each with its status and body).
     *
     * @throws SapB1RejectedException if the Service Layer refuses the batch as a whole
     */
    public List<ServiceLayerBatch.Message> changeSet(String entitySet, List<ObjectNode> entities) {
        ServiceLayerBatch.Body batch = ServiceLayerBatch.changeSet(servicePath, entitySet,
                entities.stream().map(ObjectNode::toString).toList());
        HttpResponse<String> answer = call(cookie -> request("$batch", cookie)
                .header("Content-Type", batch.contentType()).POST(body(batch.text())).build());
        if (answer.statusCode() / 100 != 2) {
            ServiceLayerErrors.Error error = ServiceLayerErrors.read(answer.body());
            throw new SapB1RejectedException(error.code(), error.message() + " ($batch to " + entitySet + ")", null);
        }
        try {
            return ServiceLayerBatch.parse(answer.headers().firstValue("Content-Type").orElse(""), answer.body())
                    .stream().flatMap(segment -> segment.messages().stream()).toList();
        } catch (IllegalArgumentException e) {
            throw new ServiceLayerUnavailableException("the Service Layer's $batch answer cannot be read: " + e.getMessage(), e);
        }
    }

    /** The key field of an answer body, or {@code ourKey} when it has none. */
    static String keyOf(String body, String keyField, String ourKey) {
        try {
            JsonNode key = JSON.readTree(body).path(keyField);
            return key.isMissingNode() || key.isNull() ? ourKey : key.asText();
        } catch (IOException e) {
            return ourKey;
        }
    }

    /**
     * The key of the entity a query finds (its {@code keyField} in {@code value[0]}), if any. A query
     * the Service Layer refuses finds nothing: the caller adds, and SAP's duplicate check decides.
     */
    public Optional<String> find(String query, String keyField) {
        try {
            for (JsonNode found : get(query).path("value")) {
                return Optional.of(found.path(keyField).asText());
            }
        } catch (SapB1RejectedException e) {
            LOG.debug("the Service Layer at {} refused the lookup {}: {}", root, query.split("\\?")[0], e.faultMessage());
        }
        return Optional.empty();
    }

    /**
     * GET of a path relative to the service root (entity set and URL-encoded query).
     *
     * @throws SapB1RejectedException if the Service Layer refuses the query
     */
    public JsonNode get(String relative) {
        HttpResponse<String> answer = call(cookie -> json(relative, cookie).GET().build());
        if (answer.statusCode() / 100 != 2) {
            ServiceLayerErrors.Error error = ServiceLayerErrors.read(answer.body());
            throw new SapB1RejectedException(error.code(), error.message(), null);
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new ServiceLayerUnavailableException("the Service Layer's answer to " + relative.split("\\?")[0]
                    + " is not JSON", e);
        }
    }

    /**
     * The next page of a query answer ({@code odata.nextLink} on v1, {@code @odata.nextLink} on v2),
     * relative to the service root, or {@code null} on the last page.
     */
    public String nextPage(JsonNode answer) {
        String link = answer.path("@odata.nextLink").asText(answer.path("odata.nextLink").asText(""));
        if (link.isEmpty()) {
            return null;
        }
        if (link.startsWith(root + "/")) {
            return link.substring(root.length() + 1);
        }
        return link.startsWith(servicePath + "/") ? link.substring(servicePath.length() + 1) : link;
    }

    /** How many times this client has logged in (a re-login after expiry counts). */
    public int logins() {
        return logins.get();
    }

    /** Logs out of the open session, if any; a failing Logout is only logged. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Session open;
        synchronized (sessionLock) {
            open = session;
            session = null;
        }
        if (open == null) {
            return;
        }
        try {
            HttpResponse<String> answer = send(request("Logout", open.cookie).POST(HttpRequest.BodyPublishers.noBody()).build());
            LOG.debug("logged out of the SAP Business One Service Layer at {} ({})", root, answer.statusCode());
        } catch (RuntimeException e) {
            LOG.info("logout from the SAP Business One Service Layer at {} failed: {}", root, e.getMessage());
        }
    }

    /** Sends a request in the current session; on 401 logs in once and sends it again. */
    private HttpResponse<String> call(Function<String, HttpRequest> request) {
        ensureOpen();
        Session current = session();
        HttpResponse<String> answer = send(request.apply(current.cookie));
        if (answer.statusCode() == 401) {
            LOG.info("SAP Business One Service Layer session at {} ended; logging in again", root);
            current = renew(current);
            answer = send(request.apply(current.cookie));
            if (answer.statusCode() == 401) {
                throw new SapB1SessionException("the Service Layer at " + root + " refused a session right after login: "
                        + ServiceLayerErrors.read(answer.body()).message(), null);
            }
        }
        current.lastUsed = clock.instant();
        if (answer.statusCode() >= 500 || answer.statusCode() == 429 || answer.statusCode() == 408) {
            throw new ServiceLayerUnavailableException("the Service Layer at " + root + " answered "
                    + answer.statusCode() + ": " + ServiceLayerErrors.read(answer.body()).message(), null);
        }
        return answer;
    }

    private Session session() {
        Session current = session;
        if (current != null && !idleTooLong(current)) {
            return current;
        }
        synchronized (sessionLock) {
            if (session == null || idleTooLong(session)) {
                session = doLogin();
            }
            return session;
        }
    }

    /** Idle longer than its SessionTimeout: SAP has ended it, a Login now saves a refused call. */
    private boolean idleTooLong(Session s) {
        return clock.instant().isAfter(s.lastUsed.plus(s.timeout));
    }

    /** A new session unless another thread has already replaced the stale one. */
    private Session renew(Session stale) {
        synchronized (sessionLock) {
            if (session == null || session == stale) {
                session = doLogin();
            }
            return session;
        }
    }

    /** Called under sessionLock. */
    private Session doLogin() {
        ensureOpen();
        Instant now = backoff.beforeLogin();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(root + "/Login")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(body(login.toJson())).build());
        if (answer.statusCode() >= 500 || answer.statusCode() == 429 || answer.statusCode() == 408) {
            // says nothing about the credentials: no back-off
            throw new ServiceLayerUnavailableException("the Service Layer at " + root + " answered Login with "
                    + answer.statusCode() + ": " + ServiceLayerErrors.read(answer.body()).message(), null);
        }
        if (answer.statusCode() / 100 != 2) {
            SapB1SessionException refused = new SapB1SessionException("the Service Layer at " + root
                    + " refused the login of " + login.userName() + " to " + login.companyDb() + ": "
                    + ServiceLayerErrors.read(answer.body()).message() + " (check bridge.erp.sap-b1.service-layer.company,"
                    + " .user and BRIDGE_ERP_SAP_B1_SERVICE_LAYER_PASSWORD)", null);
            throw backoff.refused(refused, now);
        }
        backoff.succeeded();
        logins.incrementAndGet();
        LOG.debug("logged in to the SAP Business One Service Layer at {} as {}", root, login.userName());
        return new Session(cookieOf(answer), sessionTimeout(answer.body()), clock.instant());
    }

    /** The session's cookies as one Cookie header: B1SESSION, and ROUTEID when a load balancer sets it. */
    private String cookieOf(HttpResponse<String> answer) {
        List<String> pairs = new ArrayList<>();
        for (String header : answer.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getName().equals("B1SESSION") || cookie.getName().equals("ROUTEID")) {
                    pairs.add(cookie.getName() + "=" + cookie.getValue());
                }
            }
        }
        if (pairs.stream().noneMatch(p -> p.startsWith("B1SESSION="))) {
            // the SessionId of the body is the same value; a proxy that strips cookies leaves it
            try {
                String id = JSON.readTree(answer.body()).path("SessionId").asText("");
                if (!id.isEmpty()) {
                    pairs.add(0, "B1SESSION=" + id);
                }
            } catch (IOException e) {
                // no session id at all: refused below
            }
        }
        if (pairs.isEmpty()) {
            throw new ServiceLayerUnavailableException("the Service Layer at " + root
                    + " answered Login without a session (no B1SESSION cookie, no SessionId)", null);
        }
        return String.join("; ", pairs);
    }

    /** SessionTimeout of the Login answer, in minutes; 30 (SAP's default) when absent. */
    private static Duration sessionTimeout(String body) {
        try {
            int minutes = JSON.readTree(body).path("SessionTimeout").asInt(30);
            return Duration.ofMinutes(minutes > 0 ? minutes : 30);
        } catch (IOException e) {
            return Duration.ofMinutes(30);
        }
    }

    private HttpRequest.Builder json(String relative, String cookie) {
        return request(relative, cookie).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder request(String relative, String cookie) {
        return HttpRequest.newBuilder(URI.create(root + "/" + relative)).timeout(timeout)
                .header("Accept", "application/json").header("Cookie", cookie);
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceLayerUnavailableException("the Service Layer at " + root + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceLayerUnavailableException("interrupted while calling the Service Layer at " + root, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Service Layer client for " + root + " is closed");
        }
    }
}
