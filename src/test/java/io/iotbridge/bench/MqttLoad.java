package io.iotbridge.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * N simulated MQTT sensors, each publishing one canonical reading (QoS 1) on its own topic once a
 * second. They share a few connections, {@link #SENSORS_PER_CONNECTION} sensors each, as sensors
 * behind an edge gateway do: the load generator is not what is measured, and 5,000 Paho clients
 * here would take the CPU the bridge is measured on.
 */
final class MqttLoad implements AutoCloseable {

    /** Each connection publishes its sensors one after another, each waiting for its PUBACK: with
     * 500 a connection did not get through its second on a busy core (bench/README.md). */
    static final int SENSORS_PER_CONNECTION = 100;

    private final List<MqttClient> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long[] seq;

    MqttLoad(String brokerUrl, String runId, int sensors) throws MqttException {
        int connections = (sensors + SENSORS_PER_CONNECTION - 1) / SENSORS_PER_CONNECTION;
        seq = new long[sensors + 1];
        scheduler = Executors.newScheduledThreadPool(connections, r -> {
            Thread thread = new Thread(r, "bench-mqtt-load");
            thread.setDaemon(true);
            return thread;
        });
        for (int c = 0; c < connections; c++) {
            MqttClient client = new MqttClient(brokerUrl, "bench-load-" + runId + "-" + c, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            client.connect(options);
            client.setTimeToWait(5000);
            clients.add(client);
            int first = c * SENSORS_PER_CONNECTION + 1;
            int last = Math.min(sensors, first + SENSORS_PER_CONNECTION - 1);
            // spread the connections' bursts over the second instead of all at its start
            long offset = c * 1000L / connections;
            scheduler.scheduleAtFixedRate(() -> publish(client, first, last), offset, 1000, TimeUnit.MILLISECONDS);
        }
    }

    long published() {
        return published.get();
    }

    long failed() {
        return failed.get();
    }

    private void publish(MqttClient client, int first, int last) {
        String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int i = first; i <= last; i++) {
            try {
                // the canonical reading (docs/plant-engineer.md, "The canonical reading"); sensorId, machineId and unit match the catalogue entry
                String json = "{\"sensorId\":\"" + Catalogue.sensorId("mqtt", i) + "\",\"machineId\":\""
                        + Catalogue.machineId(i) + "\",\"value\":" + (20 + (i % 50) + Math.random())
                        + ",\"unit\":\"Cel\",\"ts\":\"" + ts + "\",\"quality\":\"GOOD\",\"source\":\"mqtt\",\"seq\":"
                        + (++seq[i]) + "}";
                MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                client.publish(Catalogue.topic(i), message);
                published.incrementAndGet();
            } catch (MqttException | RuntimeException e) {
                failed.incrementAndGet();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
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
