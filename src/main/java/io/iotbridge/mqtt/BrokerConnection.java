package io.iotbridge.mqtt;

import io.iotbridge.health.StageProgress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one connection (one MQTT session) to one broker, shared by every catalogue entry
 * on it: the client and its reconnection. Which topics it subscribes is {@link BrokerSubscriptions}';
 * what happens to the messages, up to their acknowledgement, is the {@link MessageLine}'s.
 *
 * <p>Why it is built this way:
 * <ul>
 * <li>The callback is set before connecting and the session is persistent: the broker sends what
 * it queued while the bridge was away right after CONNACK.</li>
 * <li>Stopping an entry or the bridge never unsubscribes: the session keeps queueing for a
 * reloaded entry and for the next start. A subscription no entry reads any more is dropped only
 * after the park timeout.</li>
 * <li>Manual acks and the MQTT 5 receive maximum: what the bridge cannot take yet waits at the
 * broker, unacknowledged; the {@link MessageLine} keeps to that maximum itself, as Mosquitto 2.0.11
 * does not once PUBACKs come.</li>
 * </ul>
 */
final class BrokerConnection implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    /** How often a lost connection is checked on; Paho's own back-off is at most 10 s. */
    private static final long WATCH_SECONDS = 10;

    private final String url;
    private final MqttSettings settings;
    /** Replaced only by {@link #watchReconnect} when Paho's reconnect stalled. */
    private volatile MqttAsyncClient client;
    private final TopicReaders consumers = new TopicReaders();
    private final MessageLine line;
    private final BrokerSubscriptions subscriptions;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean closed;
    /** When the connection was lost; 0 while connected. */
    private volatile long downSinceMillis;
    private volatile String state = "not connected yet: the bridge connects once all routes have started";

    BrokerConnection(String url, MqttSettings settings, MessageLine.Refusal refusal, BooleanSupplier bridgeRunning,
                     Function<String, StageProgress> stages) throws MqttException {
        this.url = url;
        this.settings = settings;
        this.client = newClient();
        subscriptions = new BrokerSubscriptions(url, consumers, settings.parkTimeout(), () -> client);
        String name = brokerName();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-timer-" + name);
            t.setDaemon(true);
            return t;
        });
        // acknowledged on the client of the moment: a new one after a stalled reconnect
        line = new MessageLine(url, settings, consumers, refusal,
                m -> client.messageArrivedComplete(m.getId(), m.getQos()), bridgeRunning, timer, "mqtt-" + name,
                stages.apply("mqtt:" + name));
        timer.scheduleWithFixedDelay(() -> line.sweep(subscriptions::dropUnread), 1, 1, TimeUnit.SECONDS);
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

    /** {@code host:port}, as the health check names it. */
    String brokerName() {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Up for the health check: connected, and every subscription an entry reads acknowledged by the
     * broker, so what is published now reaches the bridge (CONNACK comes a moment before SUBACK).
     */
    boolean isSubscribed() {
        return client.isConnected() && subscriptions.allAcknowledged();
    }

    /** What the health check says: the connection's state, its subscriptions, and the messages waiting for an entry. */
    String state() {
        String now = client.isConnected() ? state + "; " + subscriptions.describe() : state;
        int parked = line.parked();
        return parked == 0 ? now
                : now + "; " + parked + " message(s) waiting for a catalogue entry to read their topic (refused as "
                        + "unknown-sensor after " + settings.parkTimeout().toSeconds() + " s)";
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
        state = "cannot connect: " + describe(failure) + "; retrying in " + delay + " s";
        if (attempt == 1) {
            LOG.error("MQTT broker {}: {}", url, state);
        }
        if (!closed) {
            timer.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    /** MQTT 5 CONNACK reason codes of a refused login: bad user name or password, not authorized. */
    private static final Set<Integer> LOGIN_REFUSED = Set.of(134, 135);

    /**
     * Paho's message, and the cause under it when that says more (a TLS alert under "Connection
     * lost"), or where to look when the broker refused the login.
     */
    private static String describe(Throwable failure) {
        if (failure instanceof MqttException refused && LOGIN_REFUSED.contains(refused.getReasonCode())) {
            return failure.getMessage() + " (the broker refused the login: check bridge.mqtt.username, "
                    + "BRIDGE_MQTT_PASSWORD and, if it asks for one, the client certificate of bridge.mqtt.keystore)";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? failure.getMessage()
                : failure.getMessage() + " (" + root.getMessage() + ")";
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setReceiveMaximum(MessageLine.RECEIVE_MAXIMUM);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (url.startsWith("ssl://")) {
            options.setSocketFactory(settings.tls().get().getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    /** An entry's consumer starts reading: subscribes if needed, and takes what was parked for it. */
    void register(TopicReader consumer) {
        consumers.add(consumer);
        subscriptions.read(consumer.filter().subscription());
        line.readerAdded();
    }

    /** An entry's consumer stops (route stopped, entry reloaded or removed): its subscription stays. */
    void unregister(TopicReader consumer) {
        consumers.remove(consumer);
        subscriptions.unread(consumer.filter().subscription());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        downSinceMillis = 0;
        line.connected();
        state = "connected";
        if (reconnect) {
            LOG.info("MQTT broker {}: reconnected", url);
        }
        subscriptions.renew();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        downSinceMillis = System.currentTimeMillis();
        state = "disconnected: " + DisconnectReason.of(response)
                + (closed ? "; not reconnecting: the bridge is stopping" : "; reconnecting automatically");
        // one line, no stack trace: a broker going away is expected, and the health check says it too
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
        line.arrived(topic, message);
    }

    /** Disconnects without unsubscribing: the broker keeps the session and queues for the next start. */
    void close() {
        closed = true;
        timer.shutdownNow();
        line.close();
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
