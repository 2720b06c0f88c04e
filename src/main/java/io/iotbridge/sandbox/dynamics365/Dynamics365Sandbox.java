package io.iotbridge.sandbox.dynamics365;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.dynamics365.Dynamics365EnqueueClient;
import io.iotbridge.erp.dynamics365.Dynamics365Entities;
import io.iotbridge.erp.dynamics365.Dynamics365WorkOrders;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.ErpSandbox;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxServer;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dynamics 365 F&O sandbox on one loopback port: the Entra ID token endpoint, the
 * recurring-integration enqueue endpoint, MES SendMessage and the ProductionOrderHeaders lookup, on the paths the module uses, so
 * pointing the module at the real services is configuration only. It records what it accepts
 * (erp {@code dynamics365}) in the shared {@link SandboxRecorder}, once per external identifier.
 * Faults for tests and operations: token expiry, 503, 429 with Retry-After, OData rejections.
 */
public final class Dynamics365Sandbox implements ErpSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Dynamics365Sandbox.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("/[^/]+/oauth2/v2\\.0/token");
    private static final Pattern ENQUEUE_PATH = Pattern.compile("/api/connector/enqueue/[^/]+");
    private static final String SEND_MESSAGE_PATH = "/api/services/SysMessageServices/SysMessageService/SendMessage";

    private final int port;
    private final Clock clock = Clock.systemUTC();
    private final SandboxTokens tokens = new SandboxTokens(clock, Duration.ofSeconds(3599));
    private final EnqueueFaults faults = new EnqueueFaults();
    private final EntraTokenEndpoint tokenEndpoint;
    private final SandboxEnqueueEndpoint enqueueEndpoint;
    private final SandboxSendMessageEndpoint sendMessageEndpoint;
    private final SandboxProductionOrdersEndpoint productionOrdersEndpoint = new SandboxProductionOrdersEndpoint(tokens);
    private final List<SandboxRequest> requests = new CopyOnWriteArrayList<>();
    private final SandboxServer server = new SandboxServer("dynamics365-sandbox", 8);

    /**
     * @param clientId     the app registration the token endpoint accepts
     * @param clientSecret its secret (in memory only)
     */
    public Dynamics365Sandbox(int port, String clientId, String clientSecret, SandboxRecorder recorder) {
        this.port = port;
        this.tokenEndpoint = new EntraTokenEndpoint(Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(clientSecret, "clientSecret"), tokens);
        this.enqueueEndpoint = new SandboxEnqueueEndpoint(Objects.requireNonNull(recorder, "recorder"),
                tokens, faults, clock);
        this.sendMessageEndpoint = new SandboxSendMessageEndpoint(tokens, recorder, clock);
    }

    @Override
    public String erp() {
        return Dynamics365Entities.ERP;
    }

    /** The environment URL and the login host at once: {@code http://localhost:<port>}. */
    @Override
    public String address() {
        return "http://localhost:" + port;
    }

    @Override
    public void start() throws IOException {
        server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, "/", this::dispatch);
        LOG.info("Dynamics 365 sandbox (Entra ID token, enqueue, SendMessage) at {}", address());
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        Instant arrived = clock.instant();
        String path = exchange.getRequestURI().getPath();
        String externalId = exchange.getRequestHeaders().getFirst(Dynamics365EnqueueClient.EXTERNAL_ID_HEADER);
        exchange.setAttribute(SandboxHttp.BEFORE_RESPONSE, (IntConsumer) status -> requests.add(
                new SandboxRequest(arrived, exchange.getRequestMethod(), path, status, externalId)));
        try {
            if ("GET".equals(exchange.getRequestMethod()) && Dynamics365WorkOrders.ENTITY_PATH.equals(path)) {
                productionOrdersEndpoint.handle(exchange);
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                SandboxHttp.text(exchange, 405, "Method Not Allowed");
            } else if (TOKEN_PATH.matcher(path).matches()) {
                tokenEndpoint.handle(exchange);
            } else if (ENQUEUE_PATH.matcher(path).matches()) {
                enqueueEndpoint.handle(exchange);
            } else if (SEND_MESSAGE_PATH.equals(path)) {
                sendMessageEndpoint.handle(exchange);
            } else {
                SandboxHttp.text(exchange, 404, "Not Found");
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Dynamics 365 sandbox failed on {}: {}", path, e.getMessage());
            ODataAnswers.error(exchange, 500, new ODataError("", "An error has occurred.", e.getMessage(), ""));
        }
    }

    /** The production orders in progress, machine id -> order, that the ProductionOrderHeaders lookup answers. */
    public void currentOrders(Map<String, WorkOrder> orders) {
        productionOrdersEndpoint.currentOrders(orders);
    }

    /** How many production order lookups the sandbox has answered. */
    public int workOrderLookups() {
        return productionOrdersEndpoint.lookups();
    }

    /** Every issued token becomes invalid at once, as after a revocation or an early expiry. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** How long tokens issued from now on live ({@code expires_in}). */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
    }

    /** How many tokens the token endpoint has issued. */
    public int tokensIssued() {
        return tokens.issued();
    }

    /** The next {@code n} enqueue requests get 503 Service Unavailable. */
    public void failNext(int n) {
        faults.failNext(n);
    }

    /** The next {@code n} enqueue requests get 429 Too Many Requests with this Retry-After. */
    public void throttleNext(int n, long retryAfterSeconds) {
        faults.throttleNext(n, retryAfterSeconds);
    }

    /** The next {@code n} valid, new documents get an OData error (HTTP 500) carrying {@code message}. */
    public void rejectNext(int n, String message) {
        faults.rejectNext(n, Objects.requireNonNull(message, "message"));
    }

    /** Every request answered so far, in the order answered, each with its arrival time. */
    public List<SandboxRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }
}
