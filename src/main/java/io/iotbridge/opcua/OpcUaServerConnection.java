package io.iotbridge.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.component.milo.client.MiloClientConnection;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one OPC UA session the bridge keeps with one server, carrying the monitored items of every
 * sensor on it (a large plant has 10,000 tags). Replaces camel-milo's own connection so that it can use the
 * bridge's certificate and trust list, pick the message security mode, log in with a username
 * and tell the health check whether the session is up; camel-milo's consumer and endpoint
 * options stay as they are.
 *
 * <p>All state changes run on one thread of this connection's own (Milo's client keeps its own
 * executors). Milo re-activates a lost session by itself; when the server restarted and the
 * subscription cannot be transferred, the connection is built anew and its items re-created.
 * After a refused login, whoever asks (the bridge or Milo's reconnect), no session is created
 * before the login retry delay ({@link LoginGuardTransport}): a PLC's few session slots must not
 * fill with refused sessions of the bridge.
 */
final class OpcUaServerConnection extends MiloClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaServerConnection.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final OpcUaSourceConfiguration configuration;
    private final OpcUaPki pki;
    private final long retryMillis;
    private final LoginGate gate;
    private final ScheduledExecutorService worker;
    private final Map<Long, Item> items = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();
    /** Items asked for and not yet created; guarded by itself. */
    private final List<Item> toCreate = new ArrayList<>();

    private volatile OpcUaClient client;
    private volatile OpcUaSubscription subscription;
    private volatile boolean closed;
    private volatile boolean up;
    private volatile String state = "connecting";
    private volatile String lastFailure;
    /** The next connection attempt, if one is scheduled: never two at once, so never two sessions. */
    private ScheduledFuture<?> nextAttempt;

    private record Item(ExpandedNodeId nodeId, double samplingInterval, Consumer<DataValue> consumer, OpcUaMonitoredItem[] created) {
    }

    OpcUaServerConnection(OpcUaSourceConfiguration configuration, OpcUaPki pki, long retryMillis, long loginRetryMillis) {
        super(configuration, null);
        this.configuration = configuration.clone();
        this.pki = pki;
        this.retryMillis = retryMillis;
        this.gate = new LoginGate(loginRetryMillis);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-" + this.configuration.serverName());
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::connect);
    }

    String serverName() {
        return configuration.serverName();
    }

    OpcUaSourceConfiguration sourceConfiguration() {
        return configuration;
    }

    /** Whether the session is active now. */
    boolean isUp() {
        return up;
    }

    /** What the connection is doing or why it failed, for the health check; never a secret. */
    String state() {
        return state;
    }

    @Override
    public MonitorHandle monitorValue(ExpandedNodeId nodeId, Double samplingInterval, Consumer<DataValue> valueConsumer) {
        long handle = handles.incrementAndGet();
        Item item = new Item(nodeId, samplingInterval == null ? 0.0 : samplingInterval, valueConsumer, new OpcUaMonitoredItem[1]);
        items.put(handle, item);
        // thousands of entries start at once: their items are created in one request, not one each
        synchronized (toCreate) {
            toCreate.add(item);
            if (toCreate.size() == 1) {
                onWorker(this::createQueued);
            }
        }
        return () -> onWorker(() -> remove(handle));
    }

    private void createQueued() {
        List<Item> batch;
        synchronized (toCreate) {
            batch = new ArrayList<>(toCreate);
            toCreate.clear();
        }
        // a removed item is not created; without a session, connect creates them all
        java.util.Set<Item> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        live.addAll(items.values());
        batch.removeIf(i -> !live.contains(i) || i.created()[0] != null);
        if (subscription != null && !batch.isEmpty()) {
            createItems(batch);
        }
    }

    /** camel-milo would open a session of its own here (for writes, reads, calls, browsing); the bridge only subscribes. */
    @Override
    protected void init() {
        throw new UnsupportedOperationException("the bridge's OPC UA connections only subscribe (milo-client consumers)");
    }

    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            closed = true;
            disconnect();
            done.complete(null);
        });
        try {
            done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("OPC UA server {}: closing the session took too long: {}", serverName(), e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing left to do for this server
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
            nextAttempt = null;
        }
        long wait = gate.waitMillis();
        if (wait > 0) {
            retryIn(wait);
            return;
        }
        String server = serverName();
        try {
            EndpointDescription endpoint = OpcUaEndpoints.choose(configuration,
                    DiscoveryClient.getEndpoints(OpcUaEndpoints.withoutUserInfo(configuration.getEndpointUri()))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            OpcUaClientConfigBuilder builder = configuration.newBuilder().setEndpoint(endpoint)
                    .setIdentityProvider(configuration.username().isEmpty() ? new AnonymousProvider()
                            : new UsernameProvider(configuration.username(), configuration.password()));
            if (configuration.securityPolicy() != SecurityPolicy.None) {
                builder.setApplicationUri(pki.applicationUri())
                        .setKeyPair(pki.keyPair())
                        .setCertificate(pki.certificate())
                        .setCertificateChain(new java.security.cert.X509Certificate[] {pki.certificate()})
                        .setCertificateValidator(pki.serverValidator());
            }
            OpcUaClient candidate = new OpcUaClient(builder.build(), new LoginGuardTransport(gate, this::refusedLater));
            candidate.addSessionActivityListener(new SessionActivityListener() {
                @Override
                public void onSessionActive(UaSession session) {
                    if (client == candidate && markUp()) {
                        LOG.info("OPC UA server {}: session active again", server);
                    }
                }

                @Override
                public void onSessionInactive(UaSession session) {
                    // a client being replaced reports too: only the current one counts
                    if (client == candidate && up && !closed) {
                        // one line per change of state; Milo's reconnect attempts log nothing above WARN
                        LOG.warn("OPC UA server {}: session lost, reconnecting", server);
                        markDown("session lost, reconnecting");
                    }
                }
            });
            client = candidate;
            candidate.connect();
            OpcUaSubscription created = new OpcUaSubscription(candidate, configuration.getRequestedPublishingInterval());
            created.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
                @Override
                public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
                    // Bad_Timeout: the server dropped the subscription (its lifetime ran out while the
                    // bridge was too busy to ask for notifications); nothing comes on it any more
                    if (status.isBad()) {
                        LOG.warn("OPC UA server {}: subscription ended ({}), re-creating the session", server, status);
                        onWorker(() -> {
                            if (subscription == s) {
                                disconnect();
                                connect();
                            }
                        });
                    }
                }

                @Override
                public void onNotificationDataLost(OpcUaSubscription s) {
                    // the server's retransmission queue overflowed: values were replaced by newer ones
                    LOG.debug("OPC UA server {}: notifications lost (sequence gap)", server);
                }

                @Override
                public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
                    // the server restarted: its subscriptions are gone, so build ours again
                    LOG.info("OPC UA server {}: subscription not transferred ({}), re-creating the session", server, status);
                    onWorker(() -> {
                        disconnect();
                        connect();
                    });
                }
            });
            created.create();
            subscription = created;
            items.values().forEach(i -> i.created()[0] = null);
            createItems(List.copyOf(items.values()));
            markUp();
            LOG.info("OPC UA server {}: session active ({}, {} monitored items)", server, configuration.describe(), items.size());
        } catch (Exception e) {
            failed(e);
        }
    }

    /** A refused re-activation or login on Milo's own reconnect path, reported by the transport. */
    private void refusedLater(LoginGuardTransport transport, Throwable e) {
        onWorker(() -> {
            if (client != null && client.getTransport() == transport) {
                failed(e);
            }
        });
    }

    private void failed(Throwable e) {
        disconnect();
        String reason = OpcUaFaults.reason(e);
        markDown(reason);
        long delay = retryMillis;
        if (OpcUaFaults.loginRefused(e)) {
            // a refused login leaves its session on the server until the session times out: retrying
            // at the usual pace would fill the PLC's few session slots (the transport closed the gate)
            if (gate.waitMillis() == 0) {
                gate.refused(0);
            }
            delay = gate.waitMillis();
        }
        if (!reason.equals(lastFailure)) {
            // once per distinct reason: a server down for hours must not flood the log
            LOG.error("OPC UA server {}: cannot connect ({}): {}; retrying every {} s", serverName(), configuration.describe(),
                    reason, (delay + 999) / 1000);
            lastFailure = reason;
        }
        retryIn(delay);
    }

    private void retryIn(long delayMillis) {
        if (!closed) {
            nextAttempt = worker.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void createItems(List<Item> toCreate) {
        for (Item item : toCreate) {
            try {
                NodeId node = item.nodeId().toNodeId(client.getNamespaceTable()).orElseThrow(
                        () -> new UaException(StatusCodes.Bad_NodeIdUnknown, "unknown namespace " + item.nodeId().getNamespaceUri()));
                OpcUaMonitoredItem monitored = new OpcUaMonitoredItem(
                        new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE), MonitoringMode.Reporting);
                monitored.setSamplingInterval(item.samplingInterval());
                monitored.setDataValueListener((m, value) -> item.consumer().accept(value));
                subscription.addMonitoredItem(monitored);
                item.created()[0] = monitored;
            } catch (UaException e) {
                item.consumer().accept(new DataValue(e.getStatusCode()));
                LOG.warn("OPC UA server {}: node {} cannot be monitored: {}", serverName(), item.nodeId().toParseableString(), e.getMessage());
            }
        }
        subscription.createMonitoredItems().forEach(r -> {
            StatusCode status = r.operationResult().orElse(r.serviceResult());
            if (!status.isGood()) {
                LOG.warn("OPC UA server {}: node {} cannot be monitored: {}", serverName(),
                        r.monitoredItem().getReadValueId().getNodeId().toParseableString(), status);
                // the sensor's reading arrives flagged BAD rather than never
                items.values().stream().filter(i -> i.created()[0] == r.monitoredItem()).findFirst()
                        .ifPresent(i -> i.consumer().accept(new DataValue(status)));
            }
        });
    }

    private void remove(long handle) {
        Item item = items.remove(handle);
        if (item != null && item.created()[0] != null && subscription != null) {
            subscription.removeMonitoredItem(item.created()[0]);
            try {
                subscription.deleteMonitoredItems();
            } catch (RuntimeException e) {
                LOG.debug("OPC UA server {}: deleting a monitored item failed: {}", serverName(), e.toString());
            }
        }
    }

    private void disconnect() {
        subscription = null;
        // first: a session ended on purpose is not a lost one, so its listener stays quiet
        up = false;
        OpcUaClient ending = client;
        client = null;
        if (ending != null) {
            try {
                ending.disconnect();
            } catch (Exception e) {
                LOG.debug("OPC UA server {}: disconnect failed: {}", serverName(), e.toString());
            }
        }
    }

    /** Whether this made the connection up (it was down). */
    private boolean markUp() {
        if (subscription == null) {
            return false;
        }
        boolean changed = !up;
        up = true;
        state = "session active";
        lastFailure = null;
        return changed;
    }

    private void markDown(String reason) {
        up = false;
        state = reason;
    }
}
