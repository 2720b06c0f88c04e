package io.iotbridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.MqttPublish;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.FreePorts;
import io.iotbridge.RejectedReadings;
import io.iotbridge.TcpProxy;
import io.iotbridge.faults.ScenarioRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's MQTT session on the machine's Mosquitto: QoS 1 readings published while the bridge
 * is stopped arrive after it starts again, in both payload forms (clean start off, session expiry
 * set, stopping never unsubscribes, it listens before it connects); a reading is acknowledged only
 * once it was buffered; a topic no entry reads any more is refused, not left hanging.
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

    /**
     * A reading the bridge read but could not buffer (RabbitMQ unreachable) is not acknowledged:
     * when the bridge stops meanwhile, the broker keeps it for the session and the next start books it.
     */
    @Test
    void aReadingThatCouldNotBeBufferedIsNotAcknowledgedAndComesAgainAfterARestart() throws Exception {
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        writeEntries(routes);
        String clientId = "session-test-unacked-" + RUN;
        BridgeHarness first = harness(routes, clientId);
        int amqpPort = Integer.parseInt(first.property("bridge.embedded.amqp.port"));
        String reading;
        try (TcpProxy rabbit = new TcpProxy(FreePorts.next(), amqpPort).restore();
             BridgeHarness bridge = first.with("bridge.rabbitmq.url", "amqp://guest:guest@localhost:" + rabbit.port()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf("mqtt:127.0.0.1:1883")));
            rabbit.cut();
            reading = publishJson(System.nanoTime());
            // read, and failing to reach RabbitMQ
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.management("/observe/metrics").body()
                    .lines().anyMatch(l -> l.startsWith("iotbridge_readings_received_total") && l.contains("source=\"mqtt\"")
                            && !l.endsWith(" 0.0")));
        }
        try (BridgeHarness second = harness(routes, clientId).start()) {
            awaitBooked(second, List.of(reading));
        }
    }

    /**
     * After a restart, a reading on a topic the session subscribed to but no entry reads any more
     * (its file was removed while the bridge was stopped) waits bridge.mqtt.park-timeout for an
     * entry, then is refused to iot.rejected as unknown-sensor.
     */
    @Test
    void aReadingForATopicNoEntryReadsAnyMoreIsRefusedAsUnknownSensor() throws Exception {
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        writeEntries(routes);
        String clientId = "session-test-removed-" + RUN;
        try (BridgeHarness first = harness(routes, clientId).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(first.healthOf("mqtt:127.0.0.1:1883")));
        }
        Files.delete(routes.resolve("sensors/session-test.camel.xml"));
        String payload = "77.5";
        publish(NUMBER_TOPIC, payload);
        BridgeHarness second = harness(routes, clientId).with("bridge.mqtt.park-timeout", "2s");
        try (BridgeHarness bridge = second.start()) {
            Message refused = RejectedReadings.await("amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port"),
                    payload);
            assertThat(refused.getMessageProperties().getHeaders()).containsEntry("iotRejectReason", "unknown-sensor");
            assertThat(refused.getMessageProperties().getHeaders().get("iotRejectMessage").toString()).contains(NUMBER_TOPIC);
        }
    }

    /**
     * A reading that arrives while no entry reads its topic (the file removed and written again, as
     * an editor saving it does) waits unacknowledged for its entry instead of being refused, and the
     * entry that comes back books it; meanwhile the health check says a message is waiting.
     */
    @Test
    void aReadingThatArrivesWhileItsEntryIsGoneWaitsForTheEntryThatComesBack() throws Exception {
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        writeEntries(routes);
        Path file = routes.resolve("sensors/session-test.camel.xml");
        String entries = Files.readString(file);
        String health = "mqtt:127.0.0.1:1883";
        try (BridgeHarness bridge = harness(routes, "session-test-parked-" + RUN).with("bridge.mqtt.park-timeout", "300s").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(health)));
            Files.delete(file);
            await().atMost(Duration.ofSeconds(30)).until(() -> !bridge.getJson("/sensors").toString().contains(NUMBER_SENSOR));

            publish(NUMBER_TOPIC, "66.5");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.healthMessageOf(health).contains("1 message(s) waiting"));
            assertThat(booked(bridge)).noneMatch(id -> id.startsWith(NUMBER_SENSOR + ":"));

            Files.writeString(file, entries);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(booked(bridge)).anyMatch(id -> id.startsWith(NUMBER_SENSOR + ":")));
            assertThat(bridge.healthMessageOf(health)).doesNotContain("waiting");
        }
    }

    private static BridgeHarness harness(Path routes, String clientId) throws Exception {
        return new BridgeHarness().mqttBrokerOnly(ExternalBrokersTest.MOSQUITTO)
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
        MqttPublish.once(ExternalBrokersTest.MOSQUITTO, topic, payload);
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
