package io.iotbridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.faults.ScenarioRoutes;
import io.iotbridge.health.StageProgress;
import io.iotbridge.health.Stages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT stage's backlog is the bridge's messages the broker has not had acknowledged: never
 * more than the receive maximum the connection asks for, even from a broker that sends more, and
 * none once every message is acknowledged. The broker's own count comes from its log (each
 * PUBLISH it sent the bridge, each PUBACK it received).
 */
class MqttStageBacklogTest {

    private static final int TOPICS = 200;
    private static final int MESSAGES = 5_000;

    @TempDir
    Path dir;

    @Test
    void theLineHoldsNoMoreThanItsReceiveMaximumAndTheStageCountsWhatIsUnacknowledged() throws Exception {
        Path routes = ScenarioRoutes.copy(dir.resolve("routes"));
        for (int i = 0; i < TOPICS; i++) {
            ScenarioRoutes.mqttSensor(routes, "backlog-" + i, "BACKLOG-" + i, topic(i), "sap-b1");
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (PrivateMosquitto mqtt = new PrivateMosquitto(dir.resolve("mosquitto"), false, 100_000).logPackets().start();
             BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString())
                     .with("bridge.mqtt.url", mqtt.url()).start()) {
            String broker = "mqtt:" + mqtt.url().substring("tcp://".length());
            await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(bridge.healthOf(broker)));
            StageProgress stage = bridge.context().getRegistry().findSingleByType(Stages.class).stage(broker);
            AtomicInteger most = new AtomicInteger();
            sampler.scheduleAtFixedRate(() -> most.accumulateAndGet(stage.backlog(), Math::max), 0, 2, TimeUnit.MILLISECONDS);

            publish(mqtt.url());

            String client = bridge.property("bridge.mqtt.client-id");
            await().atMost(Duration.ofSeconds(60)).until(() -> unacknowledged(mqtt.log(), client).acknowledged() == MESSAGES);
            Flight sent = unacknowledged(mqtt.log(), client);
            System.out.println("MQTT STAGE: most held " + most.get() + ", the broker's most unacknowledged " + sent.most());
            assertThat(most.get()).as("the stage counts only what the broker has unacknowledged")
                    .isLessThanOrEqualTo(sent.most());
            // Mosquitto 2.0.11 sends a whole receive maximum more at each in-order PUBACK: the line keeps to it
            assertThat(most.get()).as("the bridge holds no more than its receive maximum")
                    .isLessThanOrEqualTo(MessageLine.RECEIVE_MAXIMUM);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stage.backlog())
                    .as("every message acknowledged: nothing waits").isZero());
        } finally {
            sampler.shutdownNow();
        }
    }

    private static String topic(int i) {
        return "backlog/line1/s" + i + "/temperature";
    }

    private static void publish(String url) throws Exception {
        MqttClient device = new MqttClient(url, "backlog-device", new MemoryPersistence());
        try {
            device.connect();
            for (int n = 0; n < MESSAGES; n++) {
                String reading = "{\"value\":" + (20 + n % 7) + ",\"seq\":" + n + "}";
                sendOnce(device, topic(n % TOPICS), reading);
            }
        } finally {
            device.disconnectForcibly(1000);
            device.close();
        }
    }

    /** Paho 1.2.5 refuses a publish now and then while it counts the last one's PUBACK: sent again. */
    private static void sendOnce(MqttClient device, String topic, String reading) throws MqttException {
        while (true) {
            try {
                device.publish(topic, reading.getBytes(StandardCharsets.UTF_8), 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
            }
        }
    }

    /** The broker's PUBLISHes to the client not yet acknowledged, at most, and its PUBACKs so far. */
    private record Flight(int most, int acknowledged) {
    }

    private static Flight unacknowledged(Path log, String client) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int now = 0;
        int most = 0;
        int acknowledged = 0;
        for (String line : lines) {
            if (line.contains("Sending PUBLISH to " + client + " ")) {
                most = Math.max(most, ++now);
            } else if (line.contains("Received PUBACK from " + client + " ")) {
                now--;
                acknowledged++;
            }
        }
        return new Flight(most, acknowledged);
    }
}
