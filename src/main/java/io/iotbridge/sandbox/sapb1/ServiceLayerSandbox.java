package io.iotbridge.sandbox.sapb1;

import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.body;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.error;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.json;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.query;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.readJson;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.send;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.sapb1.SapB1Objects;
import io.iotbridge.erp.sapb1.ServiceLayerErrors;
import io.iotbridge.erp.sapb1.ServiceLayerLogin;
import io.iotbridge.sandbox.ErpSandbox;
import io.iotbridge.sandbox.FaultCountdown;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxRequests;
import io.iotbridge.sandbox.SandboxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAP Business One Service Layer sandbox on one loopback port, on the real paths
 * ({@code /b1s/v1/…} and {@code /b1s/v2/…}): Login with CompanyDB, UserName and Password checked,
 * the B1SESSION and ROUTEID cookies, sessions that end when idle past their timeout or at Logout,
 * the entity sets U_IOT_METER, InventoryGenEntries and ServiceCalls with SAP's key rules and error
 * bodies, the ProductionOrders query the module sends, and {@code $batch} with change sets that
 * succeed or fail as a whole. HTTPS when given a TLS context, as the real one (port 50000).
 *
 * <p>It records each entity it adds (erp {@code sap-b1}) with the URL, method, the headers that
 * matter (the session cookie masked) and its answer. Faults for tests and operations: expired
 * sessions, business refusals, 503, slowness.
 */
public final class ServiceLayerSandbox implements ErpSandbox {

    /** The route id SAP's load balancer sets; one node here. */
    public static final String ROUTE_ID = ".node1";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLayerSandbox.class);
    private static final Pattern PATH = Pattern.compile("/b1s/(v1|v2)/([^/?]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RECORDED_HEADERS = List.of("Content-Type", "Cookie");

    private final int port;
    private final SSLContext tls;
    private final SandboxRecorder recorder;
    private final ServiceLayerLogin expected;
    private final Clock clock = Clock.systemUTC();
    private final ServiceLayerSessions sessions = new ServiceLayerSessions(clock);
    private final ServiceLayerCompany company = new ServiceLayerCompany();
    private final FaultCountdown unavailable = new FaultCountdown();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger loginAttempts = new AtomicInteger();
    private final AtomicInteger logouts = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private final SandboxServer server = new SandboxServer("sap-b1-service-layer-sandbox", 8);

    /**
     * @param port     where to listen on loopback (0: any free port)
     * @param tls      the server's key and certificate, or {@code null} for plain HTTP
     * @param expected the company database, user and password a Login must carry
     */
    public ServiceLayerSandbox(int port, SSLContext tls, SandboxRecorder recorder, ServiceLayerLogin expected) {
        this.port = port;
        this.tls = tls;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String erp() {
        return SapB1Objects.ERP;
    }

    /** The base URL bridge.erp.sap-b1.url names on this transport, e.g. {@code https://localhost:50000}. */
    @Override
    public String address() {
        int bound = server.port() == 0 ? port : server.port();
        return (tls == null ? "http" : "https") + "://localhost:" + bound;
    }

    @Override
    public void start() throws IOException {
        server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), tls, "/b1s/", this::dispatch);
        LOG.info("SAP Business One sandbox (Service Layer) at {}/b1s/v2", address());
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try {
            pause();
            if (unavailable.take()) {
                send(exchange, 503, "text/html", "<html><body>503 Service Unavailable</body></html>");
                return;
            }
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                error(exchange, false, new ServiceLayerCompany.Refusal(404, -1000, "Resource not found"));
                return;
            }
            boolean plain = "v2".equals(path.group(1));
            String resource = path.group(2);
            String method = exchange.getRequestMethod();
            if ("Login".equals(resource) && "POST".equals(method)) {
                login(exchange, plain);
                return;
            }
            String session = session(exchange);
            if (!sessions.use(session)) {
                error(exchange, plain, new ServiceLayerCompany.Refusal(401, ServiceLayerErrors.INVALID_SESSION,
                        ServiceLayerErrors.INVALID_SESSION_MESSAGE));
                return;
            }
            if ("Logout".equals(resource) && "POST".equals(method)) {
                sessions.close(session);
                logouts.incrementAndGet();
                send(exchange, 204, null, "");
            } else if ("$batch".equals(resource) && "POST".equals(method)) {
                ServiceLayerBatches.handle(exchange, company, this::record);
            } else if ("ProductionOrders".equals(resource) && "GET".equals(method)) {
                Map<String, String> query = query(exchange);
                json(exchange, 200, company.productionOrders(query.get("$filter"), query.get("$skip"),
                        plain ? "@odata.nextLink" : "odata.nextLink"));
            } else if ("GET".equals(method)) {
                json(exchange, 200, company.byIotKey(resource, query(exchange).get("$filter")));
            } else if ("POST".equals(method)) {
                create(exchange, resource);
            } else {
                error(exchange, plain, new ServiceLayerCompany.Refusal(405, -1000, method + " is not allowed on " + resource));
            }
        } catch (ServiceLayerCompany.Refusal refusal) {
            error(exchange, exchange.getRequestURI().getPath().startsWith("/b1s/v2/"), refusal);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Service Layer sandbox failed on {}: {}", exchange.getRequestURI().getPath(), e.toString());
            send(exchange, 500, "application/json", ServiceLayerErrors.body(-1, "Internal error: " + e.getMessage(), false));
        }
    }

    private void login(HttpExchange exchange, boolean plain) throws IOException {
        loginAttempts.incrementAndGet();
        JsonNode request = readJson(body(exchange));
        if (!same(request.path("CompanyDB").asText(null), expected.companyDb())
                || !same(request.path("UserName").asText(null), expected.userName())
                || !same(request.path("Password").asText(null), expected.password())) {
            error(exchange, plain, new ServiceLayerCompany.Refusal(401, ServiceLayerErrors.LOGIN_FAILED,
                    ServiceLayerErrors.LOGIN_FAILED_MESSAGE));
            return;
        }
        String id = sessions.open();
        logins.incrementAndGet();
        String version = exchange.getRequestURI().getPath().split("/")[2];
        String secure = tls == null ? "" : "; Secure";
        exchange.getResponseHeaders().add("Set-Cookie", "B1SESSION=" + id + "; path=/b1s/" + version + "; HttpOnly" + secure);
        exchange.getResponseHeaders().add("Set-Cookie", "ROUTEID=" + ROUTE_ID + "; path=/b1s" + secure);
        var answer = JSON.createObjectNode();
        answer.put(plain ? "@odata.context" : "odata.metadata", "/b1s/" + version + "/$metadata#B1Sessions/$entity");
        answer.put("SessionId", id).put("Version", "1000230").put("SessionTimeout", sessions.timeoutMinutes());
        json(exchange, 200, answer.toString());
    }

    private void create(HttpExchange exchange, String entitySet) throws IOException {
        String body = body(exchange);
        ServiceLayerCompany.Created created = company.create(entitySet, readJson(body), new ServiceLayerCompany.Work());
        record(exchange, created, body, 201, Map.of());
        json(exchange, 201, created.answer());
    }

    void record(HttpExchange exchange, ServiceLayerCompany.Created created, String body, int status,
            Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.putAll(SandboxRequests.headers(exchange, RECORDED_HEADERS));
        recorder.record(new SandboxRecord(SapB1Objects.ERP, created.kind(), created.key(), clock.instant(),
                created.readingIds(), body, SandboxRequests.url(exchange), exchange.getRequestMethod(),
                headers, status, created.answer()));
    }









    private void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Compared in constant time, so the answer's timing tells nothing of a password. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(bytes(given), bytes(expected));
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }

    /** Every open session ends, as after a Service Layer restart. */
    public void expireSessions() {
        sessions.expireAll();
    }

    /** Sessions end when idle this long (SAP's default is 30 minutes). */
    public void sessionTimeout(Duration timeout) {
        sessions.timeout(timeout);
    }

    /** The next {@code n} documents of this kind (meter, counter, alert; {@code null}: any) get a business error. */
    public void rejectNext(int n, String message, String kind) {
        company.rejectNext(n, Objects.requireNonNull(message, "message"), kind);
    }

    /** The next {@code n} requests of any kind get 503, as from a load balancer with no node. */
    public void failNext(int n) {
        unavailable.next(n);
    }

    /** How many of the injected 503s are still to come. */
    public int pendingFailures() {
        return unavailable.remaining();
    }

    /** Every request waits this long before it is handled; {@link Duration#ZERO} to stop. */
    public void delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /**
     * Whether a second document with the same U_IotKey is refused (-2035), as where the company
     * keeps it unique (the default here); SAP itself does not.
     */
    public void uniqueIotKeys(boolean unique) {
        company.uniqueIotKeys(unique);
    }

    /** Whether the production order query's lambda {@code any} is refused, as a Service Layer without it would. */
    public void refuseLambdaFilters(boolean refuse) {
        company.refuseLambdaFilters(refuse);
    }

    /** The production orders in progress, machine id -> order (AbsoluteEntry), that the query answers. */
    public void currentOrders(Map<String, WorkOrder> orders) {
        company.currentOrders(orders);
    }

    public int workOrderQueries() {
        return company.workOrderQueries();
    }

    /** Logins answered with a session. */
    public int logins() {
        return logins.get();
    }

    /** Logins received, refused ones included. */
    public int loginAttempts() {
        return loginAttempts.get();
    }

    public int logouts() {
        return logouts.get();
    }

    /** Sessions neither logged out, expired nor idle past the timeout. */
    public int openSessions() {
        return sessions.open(clock.instant());
    }

    @Override
    public void close() {
        server.close();
    }
}
