package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.faults.ScenarioRoutes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QoS 1 readings published on the machine's Mosquitto while the bridge is stopped arrive after
 * it starts again, in both payload forms: the bridge's MQTT session is persistent (clean start
 * off, session expiry set), stopping never unsubscribes, and it listens before it connects.
 * Skipped without Mosquitto, failed in CI (IOTBRIDGE_REQUIRE_BROKERS).
 */
class MqttPersistentSessionTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String JSON_SENSOR = "session-json-" + RUN;
    private static final String NUMBER_SENSOR = "session-number-" + RUN;
    private static final String JSON_TOPIC = "session-test/" + RUN + "/temperature";
    private static final String NUMBER_TOPIC = "session-test/" + RUN + "/pressure";

    @TempDir
    Path temp;

    @Test
    void readingsPublishedWhileTheBridgeIsDownArriveAfterItRestarts() throws Exception {
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        writeEntries(routes);
        // one session name for both runs of the bridge, unique to this test run
        String clientId = "session-test-" + RUN;
        try (BridgeHarness first = harness(routes, clientId).start()) {
            String probe = publishJson(System.nanoTime());
            awaitBooked(first, List.of(probe));
        }

        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            whileDown.add(publishJson(System.nanoTime()));
            publish(NUMBER_TOPIC, "1" + i + "0.5");
        }

        Instant restart = Instant.now();
        try (BridgeHarness second = harness(routes, clientId).start()) {
            awaitBooked(second, whileDown);
            // a bare number's reading is stamped on arrival: so it came after the restart
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(booked(second)).anySatisfy(id -> {
                        assertThat(id).startsWith(NUMBER_SENSOR + ":");
                        assertThat(Long.parseLong(id.split(":")[1])).isGreaterThanOrEqualTo(restart.toEpochMilli());
                    }));
        }
    }

    private static BridgeHarness harness(Path routes, String clientId) throws Exception {
        return new BridgeHarness().with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                .with("bridge.routes.dir", routes.toString()).with("bridge.mqtt.client-id", clientId);
    }

    private static void writeEntries(Path routes) throws Exception {
        Files.writeString(routes.resolve("sensors/session-test.camel.xml"), """
                <camel>
                  <route id="mqtt-session-%1$s-json">
                    <from uri="kamelet:mqtt-sensor-source?topic=%2$s&amp;sensorId=%3$s&amp;machineId=SESSION-1&amp;unit=Cel"/>
                    <to uri="kamelet:reading-buffer-sink?erp=sap-b1&amp;kind=meter&amp;field=temperature&amp;fieldUnit=Cel"/>
                  </route>
                  <route id="mqtt-session-%1$s-number">
                    <from uri="kamelet:mqtt-sensor-source?topic=%4$s&amp;payload=number&amp;sensorId=%5$s&amp;machineId=SESSION-1&amp;unit=kPa"/>
                    <to uri="kamelet:reading-buffer-sink?erp=sap-b1&amp;kind=meter&amp;field=pressure&amp;fieldUnit=bar"/>
                  </route>
                </camel>
                """.formatted(RUN, JSON_TOPIC, JSON_SENSOR, NUMBER_TOPIC, NUMBER_SENSOR));
    }

    /** Publishes one canonical reading at QoS 1 and returns its id. */
    private static String publishJson(long seq) throws Exception {
        Instant ts = Instant.now();
        publish(JSON_TOPIC, """
                {"sensorId":"%s","machineId":"SESSION-1","value":48.5,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(JSON_SENSOR, ts, seq));
        return JSON_SENSOR + ":" + ts.toEpochMilli() + ":" + seq;
    }

    private static void publish(String topic, String payload) throws Exception {
        MqttClient client = new MqttClient(ExternalBrokersTest.MOSQUITTO, "session-test-publisher-" + UUID.randomUUID(),
                new MemoryPersistence());
        try {
            client.connect();
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
        } finally {
            client.close();
        }
    }

    private static List<String> booked(BridgeHarness bridge) throws Exception {
        List<String> booked = new ArrayList<>();
        bridge.sandboxDocuments("sap-b1").forEach(d -> d.get("readingIds").forEach(id -> booked.add(id.asText())));
        return booked;
    }

    private static void awaitBooked(BridgeHarness bridge, List<String> readingIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(booked(bridge)).containsAll(readingIds));
    }
}
