package io.iotbridge.mqtt;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one connection (one MQTT session) to one broker, shared by every catalogue entry
 * on it. A QoS 1 message is acknowledged only once its exchange completed: the reading confirmed
 * by RabbitMQ, or refused to iot.rejected. One that failed stays unacknowledged, and the broker
 * sends it again after the next reconnect.
 *
 * <p>Why it is built this way:
 * <ul>
 * <li>The callback is set before connecting and the session is persistent: the broker sends what
 * it queued while the bridge was away right after CONNACK.</li>
 * <li>Stopping an entry or the bridge never unsubscribes. A message no entry reads (an entry being
 * reloaded, or one removed while the bridge was away) is parked unacknowledged; an entry that
 * registers for its topic gets it; after the park timeout it is refused as unknown-sensor and the
 * topic unsubscribed.</li>
 * <li>All processing runs on one worker thread, in arrival order. Paho's thread only hands
 * messages over. The worker does not wait for a reading's broker confirm: up to the receive
 * maximum are in flight at once, acknowledged in arrival order as MQTT 5 asks, and what the bridge
 * cannot take yet waits at the broker.</li>
 * </ul>
 */
final class BrokerConnection implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    /** Delivered messages remembered to drop QoS 1 copies: seconds of a full-speed drain. */
    private static final int RECENT = 10_000;

    /** Unacknowledged messages the broker may send ahead (MQTT 5 receive maximum): the worker's queue. */
    private static final int RECEIVE_MAXIMUM = 1000;
    /** How often a lost connection is checked on; Paho's own back-off is at most 10 s. */
    private static final long WATCH_SECONDS = 10;

    /** Refuses a message no entry claimed; true once it is in iot.rejected. */
    interface Refusal {
        boolean refuse(String broker, String topic, byte[] payload);
    }

    private record Arrived(String topic, MqttMessage message, int generation, Instant at) {
    }

    private final String url;
    private final MqttSettings settings;
    private final Refusal refusal;
    private final BooleanSupplier bridgeRunning;
    /** Replaced only by {@link #watchReconnect} when Paho's reconnect stalled. */
    private volatile MqttAsyncClient client;
    private final TopicReaders consumers = new TopicReaders();
    /** Subscriptions sent on this connection; guarded by this. */
    private final Set<String> subscribed = new HashSet<>();
    /** Subscriptions no entry reads any more, and since when; guarded by this. */
    private final Map<String, Instant> orphaned = new HashMap<>();
    /** Touched on the worker only. */
    private final List<Arrived> parked = new ArrayList<>();
    /** Messages handed to their readers and not yet acknowledged, in arrival order; worker only. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Whether messages are being retried; worker only. */
    private boolean failing;
    /** Touched on the worker only. */
    private final RecentMessages recent = new RecentMessages(RECENT);
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean opened = new AtomicBoolean();
    /** One sweep queued on the worker at a time. */
    private final AtomicBoolean sweepQueued = new AtomicBoolean();
    private volatile int generation;
    private volatile boolean closed;
    /** When the connection was lost; 0 while connected. */
    private volatile long downSinceMillis;
    private volatile String state = "not connected yet: the bridge connects once all routes have started";

    BrokerConnection(String url, MqttSettings settings, Refusal refusal, BooleanSupplier bridgeRunning) throws MqttException {
        this.url = url;
        this.settings = settings;
        this.refusal = refusal;
        this.bridgeRunning = bridgeRunning;
        this.client = newClient();
        String name = brokerName();
        worker = Executors.newSingleThreadExecutor(r -> daemon(r, "mqtt-" + name));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-timer-" + name));
        timer.scheduleWithFixedDelay(() -> {
            if (sweepQueued.compareAndSet(false, true)) {
                onWorker(() -> {
                    sweepQueued.set(false);
                    sweep();
                });
            }
        }, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::watchReconnect, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, settings.clientId(), new MemoryPersistence());
        // before connect: the session's queued messages come right after CONNACK
        c.setCallback(this);
        c.setManualAcks(true);
        return c;
    }

    /**
     * Paho's automatic reconnect was seen in whole-suite runs never to reconnect after a broker
     * restart, neither by itself nor when asked to. A connection down for longer than three times
     * its longest back-off gets a new client (same client id, so the same session on the broker);
     * the old one is closed first, so the two never take the session from each other.
     */
    private void watchReconnect() {
        long since = downSinceMillis;
        if (closed || since == 0 || client.isConnected()
                || System.currentTimeMillis() - since < TimeUnit.SECONDS.toMillis(3L * WATCH_SECONDS)) {
            return;
        }
        downSinceMillis = System.currentTimeMillis();
        LOG.warn("MQTT broker {}: still disconnected; connecting again with a new client", url);
        MqttAsyncClient stalled = client;
        try {
            stalled.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // not connected either way
        }
        try {
            stalled.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT broker {}: closing the stalled client: {}", url, e.getMessage());
        }
        try {
            client = newClient();
            connect(1);
        } catch (MqttException e) {
            LOG.error("MQTT broker {}: cannot create a new client: {}", url, e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** {@code host:port}, as the health check names it. */
    String brokerName() {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    String state() {
        return state;
    }

    /** Connects, and keeps trying until the broker answers; Paho reconnects by itself after that. */
    void open() {
        if (opened.compareAndSet(false, true)) {
            connect(1);
        }
    }

    private void connect(int attempt) {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("MQTT broker {}: connected as {} (session present: {})", url, settings.clientId(),
                            token.getSessionPresent());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(attempt, failure);
                }
            });
        } catch (MqttException e) {
            retry(attempt, e);
        }
    }

    private void retry(int attempt, Throwable failure) {
        long delay = Math.min(30, 1L << Math.min(attempt, 5));
        state = "cannot connect: " + failure.getMessage() + "; retrying in " + delay + " s";
        if (attempt == 1) {
            LOG.error("MQTT broker {}: {}", url, state);
        }
        if (!closed) {
            timer.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        if (url.startsWith("ssl://")) {
            options.setSocketFactory(settings.tls().get().getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    /** An entry's consumer starts reading: subscribes if needed, and takes what was parked for it. */
    void register(TopicReader consumer) {
        consumers.add(consumer);
        synchronized (this) {
            orphaned.remove(consumer.filter().subscription());
            subscribe(List.of(consumer.filter().subscription()));
        }
        onWorker(this::deliverParked);
    }

    /** An entry's consumer stops (route stopped, entry reloaded or removed): its subscription stays. */
    void unregister(TopicReader consumer) {
        consumers.remove(consumer);
        String subscription = consumer.filter().subscription();
        synchronized (this) {
            if (!consumers.anySubscribes(subscription)) {
                orphaned.put(subscription, Instant.now());
            }
        }
    }

    private synchronized void subscribe(List<String> subscriptions) {
        List<String> missing = subscriptions.stream().filter(s -> !subscribed.contains(s)).distinct().toList();
        if (missing.isEmpty() || !client.isConnected()) {
            return;
        }
        MqttSubscription[] subs = missing.stream().map(s -> {
            MqttSubscription sub = new MqttSubscription(s, 1);
            // a retained message once, when first subscribed, not again at every reconnect
            sub.setRetainHandling(1);
            return sub;
        }).toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subs, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.debug("MQTT broker {}: subscribed {}", url, missing);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("MQTT broker {}: cannot subscribe {}: {}", url, missing, failure.getMessage());
                    synchronized (BrokerConnection.this) {
                        missing.forEach(subscribed::remove);
                    }
                }
            }, new MqttProperties());
            subscribed.addAll(missing);
        } catch (MqttException e) {
            LOG.error("MQTT broker {}: cannot subscribe {}: {}", url, missing, e.getMessage());
        }
    }

    private synchronized void unsubscribe(String subscription) {
        if (consumers.anySubscribes(subscription)) {
            return;
        }
        subscribed.remove(subscription);
        orphaned.remove(subscription);
        try {
            client.unsubscribe(subscription);
            LOG.info("MQTT broker {}: unsubscribed {}: no catalogue entry reads it", url, subscription);
        } catch (MqttException e) {
            LOG.warn("MQTT broker {}: cannot unsubscribe {}: {}", url, subscription, e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        downSinceMillis = 0;
        generation++;
        state = "connected";
        if (reconnect) {
            LOG.info("MQTT broker {}: reconnected", url);
        }
        // parked messages of the old connection come again (unacknowledged, the session kept them)
        onWorker(() -> {
            parked.clear();
            inFlight.clear();
        });
        synchronized (this) {
            subscribed.clear();
            subscribe(consumers.all().stream().map(c -> c.filter().subscription()).toList());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        downSinceMillis = System.currentTimeMillis();
        state = "disconnected: " + response + "; reconnecting";
        LOG.warn("MQTT broker {}: {}", url, state);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT broker {}: {}", url, exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // the bridge publishes nothing over MQTT
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (closed) {
            return;
        }
        Arrived arrived = new Arrived(topic, message, generation, Instant.now());
        // handed to the worker, never waited for: Paho's thread must stay free to shut down and
        // reconnect (waiting here hung the reconnect after a broker restart). The queue stays short:
        // the broker sends at most RECEIVE_MAXIMUM unacknowledged messages
        onWorker(() -> handle(arrived));
    }

    /**
     * A message on its way through its readers, in arrival order with the others; touched on the
     * worker only. Many are in flight at once (their readings wait for broker confirms together),
     * and each is acknowledged once it and every message that arrived before it are done.
     */
    private static final class InFlight {
        final Arrived arrived;
        final Set<TopicReader> done = new HashSet<>();
        int attempt;
        int waiting;
        boolean failed;
        boolean finished;

        InFlight(Arrived arrived) {
            this.arrived = arrived;
        }
    }

    private void handle(Arrived arrived) {
        if (arrived.generation() != generation) {
            // of a connection that is gone: the session sends it again
            return;
        }
        MqttMessage message = arrived.message();
        if (recent.isCopy(arrived.topic(), message.getPayload(), message.isDuplicate())) {
            LOG.debug("MQTT broker {}: a copy of a message on {} delivered already; acknowledged only", url, arrived.topic());
            InFlight copy = new InFlight(arrived);
            copy.finished = true;
            inFlight.add(copy);
            acknowledgeInOrder();
            return;
        }
        if (readersOf(arrived.topic()).isEmpty()) {
            parked.add(arrived);
            return;
        }
        InFlight m = new InFlight(arrived);
        inFlight.add(m);
        attempt(m);
    }

    private List<TopicReader> readersOf(String topic) {
        return consumers.of(topic);
    }

    /**
     * Hands the message to every entry reading its topic that has not taken it yet; {@link #taken}
     * learns each outcome. An entry removed meanwhile (a reload) no longer counts; with none left
     * the message is parked for its successor.
     */
    private void attempt(InFlight m) {
        if (m.arrived.generation() != generation || closed) {
            inFlight.remove(m);
            return;
        }
        String topic = m.arrived.topic();
        List<TopicReader> readers = readersOf(topic);
        if (readers.isEmpty()) {
            park(m);
            return;
        }
        List<TopicReader> todo = readers.stream().filter(r -> !m.done.contains(r)).toList();
        if (todo.isEmpty()) {
            finish(m);
            return;
        }
        m.waiting = todo.size();
        m.failed = false;
        for (TopicReader reader : todo) {
            reader.process(topic, m.arrived.message().getPayload())
                    .whenComplete((ok, error) -> onWorker(() -> taken(m, reader, error == null && Boolean.TRUE.equals(ok))));
        }
    }

    /**
     * One reader's outcome. When all are in: acknowledged (in turn) if every entry of the topic
     * took it, else tried again with back-off while one fails (RabbitMQ down), unacknowledged
     * meanwhile; when stopping, left unacknowledged for the broker to send again.
     */
    private void taken(InFlight m, TopicReader reader, boolean ok) {
        if (ok) {
            m.done.add(reader);
        } else {
            m.failed = true;
        }
        if (--m.waiting > 0) {
            return;
        }
        if (m.arrived.generation() != generation || closed) {
            inFlight.remove(m);
            return;
        }
        List<TopicReader> readers = readersOf(m.arrived.topic());
        if (!readers.isEmpty() && m.done.containsAll(readers)) {
            finish(m);
        } else if (!bridgeRunning.getAsBoolean()) {
            // stopping: unacknowledged, the broker sends it again to the next start
            inFlight.remove(m);
            acknowledgeInOrder();
        } else if (readers.isEmpty()) {
            park(m);
        } else if (!m.failed) {
            // an entry registered for the topic meanwhile: it gets the message now
            attempt(m);
        } else {
            retryLater(m);
        }
    }

    private void finish(InFlight m) {
        m.finished = true;
        recent.delivered(m.arrived.topic(), m.arrived.message().getPayload());
        if (m.attempt > 0 && failing) {
            failing = false;
            LOG.info("MQTT broker {}: messages are taken again", url);
        }
        acknowledgeInOrder();
    }

    /** Out of the line of messages in flight, unacknowledged, until an entry reads its topic or the park timeout. */
    private void park(InFlight m) {
        inFlight.remove(m);
        parked.add(m.arrived);
        acknowledgeInOrder();
    }

    private void retryLater(InFlight m) {
        long millis = Math.min(settings.maxRetryDelay().toMillis(), 1000L << Math.min(m.attempt, 10));
        m.attempt++;
        if (!failing) {
            failing = true;
            LOG.warn("MQTT broker {}: a message could not be taken; retrying every {} ms at most, unacknowledged meanwhile",
                    url, settings.maxRetryDelay().toMillis());
        }
        try {
            timer.schedule(() -> onWorker(() -> attempt(m)), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: unacknowledged, the broker sends it again to the next start
        }
    }

    /** Acknowledges the finished messages at the head of the line: MQTT 5 wants PUBACKs in arrival order. */
    private void acknowledgeInOrder() {
        while (!inFlight.isEmpty() && inFlight.peek().finished) {
            acknowledge(inFlight.poll().arrived);
        }
    }

    private void acknowledge(Arrived arrived) {
        // an id of an earlier connection would acknowledge whatever now has it
        if (arrived.generation() != generation || closed) {
            return;
        }
        try {
            client.messageArrivedComplete(arrived.message().getId(), arrived.message().getQos());
        } catch (MqttException e) {
            LOG.warn("MQTT broker {}: acknowledgement of a message on {} failed ({}); the broker sends it again",
                    url, arrived.topic(), e.getMessage());
        }
    }

    private void deliverParked() {
        for (Iterator<Arrived> it = parked.iterator(); it.hasNext();) {
            Arrived arrived = it.next();
            if (!readersOf(arrived.topic()).isEmpty()) {
                it.remove();
                InFlight m = new InFlight(arrived);
                inFlight.add(m);
                attempt(m);
            }
        }
    }

    /** Refuses what waited too long for an entry, and drops subscriptions no entry came back for. */
    private void sweep() {
        if (!bridgeRunning.getAsBoolean()) {
            // stopping: what is parked stays unacknowledged for the next start
            return;
        }
        // consumers whose route a reload replaced without stopping them
        consumers.removeIf(TopicReader::isStale);
        deliverParked();
        Instant limit = Instant.now().minus(settings.parkTimeout());
        Set<String> unread = new HashSet<>();
        for (Iterator<Arrived> it = parked.iterator(); it.hasNext();) {
            Arrived arrived = it.next();
            if (arrived.at().isAfter(limit)) {
                continue;
            }
            // not refused (stopping): it stays parked, unacknowledged
            if (refusal.refuse(url, arrived.topic(), arrived.message().getPayload())) {
                it.remove();
                acknowledge(arrived);
                unread.add(arrived.topic());
            }
        }
        List<String> stale;
        synchronized (this) {
            stale = orphaned.entrySet().stream().filter(e -> e.getValue().isBefore(limit)).map(Map.Entry::getKey).toList();
        }
        stale.forEach(this::unsubscribe);
        // a subscription of an earlier run, for a topic no entry reads now
        unread.stream().filter(t -> readersOf(t).isEmpty() && !stale.contains(t)).forEach(this::unsubscribe);
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("MQTT broker {}: {}", url, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Disconnects without unsubscribing: the broker keeps the session and queues for the next start. */
    void close() {
        closed = true;
        timer.shutdownNow();
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(5000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT broker {}: close: {}", url, e.getMessage());
        }
        state = "closed";
    }
}
