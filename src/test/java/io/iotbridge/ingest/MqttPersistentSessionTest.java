package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * QoS 1 readings published on the machine's Mosquitto while the bridge is stopped arrive after
 * it starts again: the bridge's MQTT sessions are persistent (clean start off, session expiry
 * set), so the broker keeps them. Skipped without Mosquitto, failed in CI (IOTBRIDGE_REQUIRE_BROKERS).
 */
class MqttPersistentSessionTest {

    private static final String MOSQUITTO = "tcp://127.0.0.1:1883";
    private static final String TOPIC = "plant/line1/CNC-03/spindle-temp";

    @Test
    @Disabled("fails today, as it should: camel-paho-mqtt5 4.17 unsubscribes when the route stops and "
            + "connects before setting its callback, so the session keeps nothing for the bridge (README, "
            + "\"MQTT sessions: a known gap\"); enable it with the MQTT consumer that replaces it")
    void readingsPublishedWhileTheBridgeIsDownArriveAfterItRestarts() throws Exception {
        requireMosquitto();
        // one session name for both runs of the bridge, unique to this test run
        String clientId = "iot-erp-bridge-session-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (BridgeHarness first = harness(clientId).start()) {
            String probe = publish(System.nanoTime());
            awaitBooked(first, List.of(probe));
        }

        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            whileDown.add(publish(System.nanoTime()));
        }

        try (BridgeHarness second = harness(clientId).start()) {
            awaitBooked(second, whileDown);
        }
    }

    private static BridgeHarness harness(String clientId) throws IOException {
        return new BridgeHarness().with("bridge.mqtt.url", MOSQUITTO).with("bridge.mqtt.client-id", clientId);
    }

    /** Publishes one canonical reading at QoS 1 and returns its id. */
    private static String publish(long seq) throws Exception {
        Instant ts = Instant.now();
        String payload = """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":48.5,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(ts, seq);
        MqttClient client = new MqttClient(MOSQUITTO, "session-test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            client.connect();
            client.publish(TOPIC, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
        } finally {
            client.close();
        }
        return "cnc03-spindle-temp:" + ts.toEpochMilli() + ":" + seq;
    }

    private static void awaitBooked(BridgeHarness bridge, List<String> readingIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> booked = new ArrayList<>();
            bridge.sandboxDocuments("sap-b1").forEach(d -> d.get("readingIds").forEach(id -> booked.add(id.asText())));
            assertThat(booked).containsAll(readingIds);
        });
    }

    private static void requireMosquitto() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 1883), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && Boolean.parseBoolean(System.getenv("IOTBRIDGE_REQUIRE_BROKERS"))) {
            throw new AssertionError("Mosquitto is not listening on 127.0.0.1:1883 and IOTBRIDGE_REQUIRE_BROKERS=true");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(up, "Mosquitto is not running on 127.0.0.1:1883");
    }
}
