package io.iotbridge.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * N simulated MQTT sensors publishing canonical readings (QoS 1) on their own topics, each reading
 * numbered from 1 per sensor (its seq, so the booked readings can be accounted by id). They share
 * a few connections, {@link #SENSORS_PER_CONNECTION} sensors each, as sensors behind an edge
 * gateway do: the load generator is not what is measured, and 5,000 Paho clients here would take
 * the CPU the bridge is measured on.
 *
 * <p>At a fixed rate every sensor publishes once a second; at full speed each connection publishes
 * its sensors' readings one after another as fast as the broker acknowledges them, until
 * {@link #stop()} or its time bound. Besides them, a few alert sensors ({@link Catalogue#alertSensorId})
 * publish once a second, always at that rate, with one excursion over the alert threshold every
 * {@link #EXCURSION_EVERY} readings: their maintenance documents give the alert latency.
 */
final class MqttLoad implements AutoCloseable {

    /** Each connection publishes its sensors one after another, each waiting for its PUBACK: with
     * 500 a connection did not get through its second on a busy core (bench/README.md). */
    static final int SENSORS_PER_CONNECTION = 100;
    /** An alert sensor's every tenth reading is over the threshold (bench/templates/mqtt-alert-sensor). */
    static final int EXCURSION_EVERY = 10;
    static final double EXCURSION_VALUE = 100;

    private final List<MqttClient> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Mosquitto's own count of messages it dropped (a subscriber's queue full); -1 until it told. */
    private final AtomicLong dropped = new AtomicLong(-1);
    private final AtomicLongArray seq;
    private final AtomicLongArray alertSeq;
    private final int sensors;
    private final long deadline;
    private volatile boolean stopped;

    /**
     * @param fullSpeed as fast as the broker takes them rather than once a second
     * @param atMost    publishing stops after this, whatever happens (the full-speed bound)
     */
    MqttLoad(String brokerUrl, String runId, int sensors, int alertSensors, boolean fullSpeed, Duration atMost)
            throws MqttException {
        this.sensors = sensors;
        this.deadline = System.nanoTime() + atMost.toNanos();
        int connections = (sensors + SENSORS_PER_CONNECTION - 1) / SENSORS_PER_CONNECTION;
        seq = new AtomicLongArray(sensors + 1);
        alertSeq = new AtomicLongArray(alertSensors + 1);
        scheduler = Executors.newScheduledThreadPool(connections + 1, r -> {
            Thread thread = new Thread(r, "bench-mqtt-load");
            thread.setDaemon(true);
            return thread;
        });
        for (int c = 0; c < connections; c++) {
            MqttClient client = connect(brokerUrl, "bench-load-" + runId + "-" + c);
            int first = c * SENSORS_PER_CONNECTION + 1;
            int last = Math.min(sensors, first + SENSORS_PER_CONNECTION - 1);
            if (fullSpeed) {
                scheduler.execute(() -> {
                    while (publishing()) {
                        publish(client, first, last);
                    }
                });
            } else {
                // spread the connections' bursts over the second instead of all at its start
                long offset = c * 1000L / connections;
                scheduler.scheduleAtFixedRate(() -> publish(client, first, last), offset, 1000, TimeUnit.MILLISECONDS);
            }
        }
        watchDrops(connect(brokerUrl, "bench-load-" + runId + "-sys"));
        if (alertSensors > 0) {
            MqttClient client = connect(brokerUrl, "bench-load-" + runId + "-alerts");
            scheduler.scheduleAtFixedRate(() -> publishAlerts(client, alertSensors), 500, 1000, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes the bridge's MQTT session before the bridge starts: its client id, a session that
     * outlives this connection, every sensor's topic subscribed at QoS 1 as the bridge subscribes
     * it. Mosquitto then queues (or drops, and counts) what the devices publish while the bridge
     * boots, instead of discarding it for want of a subscriber, which no count shows: such readings
     * were published, never booked and called lost, and a backlog could never drain.
     */
    static void prepareSession(String brokerUrl, String clientId, int sensors, int alertSensors) throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(3600L);
        client.connect(options);
        List<String> topics = new ArrayList<>();
        for (int i = 1; i <= sensors; i++) {
            topics.add(Catalogue.topic(i));
        }
        for (int k = 1; k <= alertSensors; k++) {
            topics.add(Catalogue.alertTopic(k));
        }
        for (int from = 0; from < topics.size(); from += 500) {
            List<String> batch = topics.subList(from, Math.min(topics.size(), from + 500));
            client.subscribe(batch.toArray(String[]::new), batch.stream().mapToInt(t -> 1).toArray());
        }
        client.disconnect();
        client.close();
    }

    private MqttClient connect(String brokerUrl, String clientId) throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        client.connect(options);
        client.setTimeToWait(5000);
        clients.add(client);
        return client;
    }

    /**
     * Mosquitto drops what a slow subscriber's queue cannot take (max_queued_messages): readings the
     * devices published that the bridge never saw. It tells on $SYS every sys_interval (10 s).
     */
    private void watchDrops(MqttClient client) throws MqttException {
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                dropped.set(Long.parseLong(new String(message.getPayload(), StandardCharsets.UTF_8).trim()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.subscribe("$SYS/broker/publish/messages/dropped", 0);
    }

    /** Messages Mosquitto dropped for a full subscriber queue, as it last told; -1 before it told. */
    long droppedByBroker() {
        return dropped.get();
    }

    /** Meter readings the broker acknowledged (alert sensors' not counted). */
    long published() {
        return published.get();
    }

    long failed() {
        return failed.get();
    }

    /** Each meter sensor's last seq published so far, by sensor id: what must be booked to call a backlog drained. */
    Map<String, Long> lastSeqs() {
        Map<String, Long> last = new LinkedHashMap<>();
        for (int i = 1; i <= sensors; i++) {
            last.put(Catalogue.sensorId("mqtt", i), seq.get(i));
        }
        return last;
    }

    /** Publishing stops (the broker and the bridge stay up, so what is queued can drain). */
    void stop() {
        stopped = true;
    }

    private boolean publishing() {
        return !stopped && System.nanoTime() - deadline < 0;
    }

    private void publish(MqttClient client, int first, int last) {
        String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int i = first; i <= last && publishing(); i++) {
            // the seq is taken only for a reading the broker acknowledged, so seqs stay dense: 1..last
            long next = seq.get(i) + 1;
            if (send(client, Catalogue.topic(i), reading(Catalogue.sensorId("mqtt", i), Catalogue.machineId(i),
                    20 + (i % 50) + Math.random(), ts, next))) {
                seq.set(i, next);
                published.incrementAndGet();
            }
        }
    }

    private void publishAlerts(MqttClient client, int alertSensors) {
        String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int k = 1; k <= alertSensors && publishing(); k++) {
            long next = alertSeq.get(k) + 1;
            double value = next % EXCURSION_EVERY == 0 ? EXCURSION_VALUE : 20 + Math.random();
            if (send(client, Catalogue.alertTopic(k), reading(Catalogue.alertSensorId(k), Catalogue.machineId(k), value,
                    ts, next))) {
                alertSeq.set(k, next);
            }
        }
    }

    /** The canonical reading (docs/plant-engineer.md, "The canonical reading"); sensorId, machineId and unit match the catalogue entry. */
    private static String reading(String sensorId, String machineId, double value, String ts, long seq) {
        return "{\"sensorId\":\"" + sensorId + "\",\"machineId\":\"" + machineId + "\",\"value\":" + value
                + ",\"unit\":\"Cel\",\"ts\":\"" + ts + "\",\"quality\":\"GOOD\",\"source\":\"mqtt\",\"seq\":" + seq + "}";
    }

    private boolean send(MqttClient client, String topic, String json) {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        while (true) {
            try {
                client.publish(topic, message);
                return true;
            } catch (MqttException e) {
                // Paho's count of publishes in flight lags behind the PUBACKs it already handed
                // back: nothing was sent, so it is sent again shortly (at full speed a third of the
                // publishes failed so, and the loop spun through its sensors on the load's CPU)
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && publishing()) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                failed.incrementAndGet();
                return false;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                return false;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        for (MqttClient client : clients) {
            try {
                client.disconnect(1000);
                client.close(true);
            } catch (MqttException ignored) {
                // the broker goes down right after
            }
        }
    }
}
