package io.iotbridge.faults;

import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device with a persistent session and a buffer of its own, as field devices keep one: a
 * reading counts as sent once the broker acknowledged it (PUBACK); until then it stays with the
 * device, which publishes it again after a reconnect (the bridge books a reading id once).
 *
 * <p>The device reconnects by itself rather than through Paho's automatic reconnect, which now
 * and then never came back after a broker restart ("Client is not connected" for every publish).
 * A client that stays disconnected for {@link #REPLACE_AFTER} is replaced by a new one with the
 * same client id, so the broker hands it the same session.
 */
final class MqttDevice implements ReadingFeed.Sender {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDevice.class);
    private static final ReadingJson JSON = new ReadingJson();
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    private static final Duration REPLACE_AFTER = Duration.ofSeconds(15);

    private record Pending(Reading reading, Runnable taken) {
    }

    private final String brokerUrl;
    private final String clientId = "faults-device-" + Long.toHexString(System.nanoTime());
    private final String topic;
    private final Deque<Pending> waiting = new ConcurrentLinkedDeque<>();
    private final Map<String, Pending> unacknowledged = new ConcurrentHashMap<>();
    private MqttAsyncClient client;
    private long lastAttempt;
    private long disconnectedSince;
    private boolean connecting;

    private MqttDevice(String brokerUrl, String topic) {
        this.brokerUrl = brokerUrl;
        this.topic = topic;
    }

    static MqttDevice connect(String brokerUrl, String topic) throws MqttException {
        MqttDevice device = new MqttDevice(brokerUrl, topic);
        device.client = device.newClient();
        device.client.connect(device.options()).waitForCompletion(10_000);
        return device;
    }

    @Override
    public synchronized void send(Reading reading, Runnable taken) {
        waiting.add(new Pending(reading, taken));
        if (!client.isConnected()) {
            reconnect();
            return;
        }
        disconnectedSince = 0;
        Pending next;
        while ((next = waiting.poll()) != null) {
            Pending p = next;
            unacknowledged.put(p.reading().id(), p);
            try {
                client.publish(topic, JSON.toJson(p.reading()).getBytes(StandardCharsets.UTF_8), 1, false, null,
                        new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                if (unacknowledged.remove(p.reading().id()) != null) {
                                    p.taken().run();
                                }
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable failure) {
                                // kept: published again after the next reconnect
                                if (unacknowledged.remove(p.reading().id()) != null) {
                                    waiting.addFirst(p);
                                }
                            }
                        });
            } catch (MqttException e) {
                unacknowledged.remove(p.reading().id());
                waiting.addFirst(p);
                return;
            }
        }
    }

    private void reconnect() {
        long now = System.nanoTime();
        if (disconnectedSince == 0) {
            disconnectedSince = now;
        }
        if (connecting || now - lastAttempt < RETRY_EVERY.toNanos()) {
            return;
        }
        lastAttempt = now;
        try {
            if (now - disconnectedSince > REPLACE_AFTER.toNanos()) {
                LOG.info("device {} disconnected for over {}: a new client with the same session", clientId, REPLACE_AFTER);
                replaceClient();
                disconnectedSince = now;
            }
            connecting = true;
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    connected();
                }
            });
        } catch (MqttException e) {
            connecting = false;
            LOG.info("device {} could not reconnect: {}", clientId, e.getMessage());
        }
    }

    private synchronized void connected() {
        connecting = false;
    }

    /** What the old client had not got acknowledged goes out again on the new one. */
    private void replaceClient() throws MqttException {
        MqttAsyncClient old = client;
        client = newClient();
        unacknowledged.values().forEach(waiting::addFirst);
        unacknowledged.clear();
        try {
            old.disconnectForcibly(0, 100, false);
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("old device client closed with {}", e.getMessage());
        }
    }

    private MqttAsyncClient newClient() throws MqttException {
        return new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        return options;
    }

    @Override
    public synchronized void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }
}
