package io.iotbridge.bench;

import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.faults.ScenarioRoutes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * How fast the bridge catches up after an outage (docs/operator.md, "Sizing Mosquitto"; figures in docs/benchmark.md): a bridge reads one
 * sensor's topic on a Mosquitto of its own and stops, its session kept; a device publishes N QoS 1
 * readings meanwhile; a second start of the same bridge (same client id) drains them through
 * RabbitMQ's publisher confirms. The drain rate is readings received over the time from the first
 * to the last, from the bridge's counter iotbridge_readings_received_total. Reported, never asserted.
 *
 * <p>Run (the machine's RabbitMQ on 5672; the bridge runs in this JVM):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.iotbridge.bench.MqttDrainBench 20000}
 */
public final class MqttDrainBench {

    private MqttDrainBench() {
    }

    public static void main(String[] args) throws Exception {
        int readings = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("mqtt-drain");
        Path routes = ScenarioRoutes.copy(dir.resolve("routes"));
        String sensor = "drain-" + run;
        String topic = "drain/" + run + "/temperature";
        ScenarioRoutes.mqttSensor(routes, sensor, "DRAIN-1", topic, "sap-b1");
        try (PrivateMosquitto mqtt = new PrivateMosquitto(dir.resolve("mosquitto"), false, readings + 1000).start()) {
            String clientId = "drain-bench-" + run;
            try (BridgeHarness first = bridge(routes, mqtt, clientId).start()) {
                awaitConnected(first, mqtt);
            }
            publish(mqtt.url(), topic, sensor, readings);
            try (BridgeHarness second = bridge(routes, mqtt, clientId)) {
                Instant start = Instant.now();
                second.start();
                Metrics metrics = new Metrics(Integer.parseInt(second.property("camel.management.port")));
                List<double[]> samples = new ArrayList<>();
                Awaitility.await("drained").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    Metrics.Counts counts = metrics.scrape();
                    if (counts != null && counts.received() > 0) {
                        samples.add(new double[] {System.nanoTime() / 1e9, counts.received()});
                    }
                    return counts != null && counts.received() >= readings;
                });
                double[] first = samples.get(0);
                double[] last = samples.get(samples.size() - 1);
                double rate = (last[1] - first[1]) / (last[0] - first[0]);
                System.out.printf("MQTT DRAIN: %d readings queued while the bridge was stopped; drained at %.0f readings/s "
                        + "(%.0f readings over %.1f s after the first; start to last %.1f s); %d cores, %s%n", readings, rate,
                        last[1] - first[1], last[0] - first[0], Duration.between(start, Instant.now()).toMillis() / 1000.0,
                        Runtime.getRuntime().availableProcessors(), Instant.now());
            }
        }
        // the bridge leaves non-daemon threads behind; a bench run ends here
        System.exit(0);
    }

    private static BridgeHarness bridge(Path routes, PrivateMosquitto mqtt, String clientId) throws Exception {
        return new BridgeHarness()
                .with("bridge.embedded", "false")
                .with("bridge.sandbox.enabled", "true")
                .with("bridge.rabbitmq.url", ExternalBrokersTest.RABBITMQ)
                .with("bridge.erp.infor.enabled", "false")
                .with("bridge.routes.dir", routes.toString())
                .with("bridge.mqtt.url", mqtt.url())
                .with("bridge.mqtt.client-id", clientId);
    }

    private static void awaitConnected(BridgeHarness bridge, PrivateMosquitto mqtt) {
        String check = "mqtt:" + mqtt.url().substring("tcp://".length());
        Awaitility.await(check + " UP").atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(check)));
    }

    /** N canonical readings at QoS 1, as fast as the broker takes them. */
    private static void publish(String url, String topic, String sensor, int readings) throws Exception {
        MqttAsyncClient device = new MqttAsyncClient(url, "drain-device-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(1000);
        device.connect(options).waitForCompletion(10_000);
        long base = Instant.now().toEpochMilli();
        IMqttToken last = null;
        for (int i = 1; i <= readings; i++) {
            String payload = """
                    {"sensorId":"%s","machineId":"DRAIN-1","value":21.5,"unit":"Cel","ts":"%s","seq":%d}"""
                    .formatted(sensor, Instant.ofEpochMilli(base + i), i);
            while (true) {
                try {
                    last = device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
                    break;
                } catch (org.eclipse.paho.mqttv5.common.MqttException tooMany) {
                    // max in flight reached: wait for the oldest acknowledgement
                    if (last != null) {
                        last.waitForCompletion(1000);
                    }
                }
            }
        }
        last.waitForCompletion(60_000);
        device.disconnect().waitForCompletion(10_000);
        device.close();
    }
}
