package io.iotbridge.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bridge: documents carry machine, shift (from a calendar of the test's own, in UTC)
 * and work order; a counter entry that names no production order gets the one the SAP B1
 * sandbox's query answers, and one on a machine without an order is dead-lettered with the reason.
 */
class EnrichmentPipelineTest {

    /** Every minute of every day is in one of two shifts, so the expected shift follows from the window start. */
    private static final String CALENDAR = "am = 00:00-12:00\npm = 12:00-00:00\n";
    private static final String SENSORS = """
            - route:
                id: mqtt-line9-press07-parts-lookup
                description: Press 7 good parts; the production order is looked up in SAP B1
                from:
                  uri: kamelet:mqtt-sensor-source
                  parameters: {topic: plant/line9/PRESS-07/parts, sensorId: press07-parts-lookup, machineId: PRESS-07, unit: "1"}
                  steps:
                    - to:
                        uri: kamelet:reading-buffer-sink
                        parameters: {erp: sap-b1, kind: counter, field: good-quantity, fieldUnit: "1"}
            - route:
                id: mqtt-line9-cnc09-parts-lookup
                description: CNC 9 good parts; SAP B1 has no order in progress on CNC-09
                from:
                  uri: kamelet:mqtt-sensor-source
                  parameters: {topic: plant/line9/CNC-09/parts, sensorId: cnc09-parts-lookup, machineId: CNC-09, unit: "1"}
                  steps:
                    - to:
                        uri: kamelet:reading-buffer-sink
                        parameters: {erp: sap-b1, kind: counter, field: good-quantity, fieldUnit: "1"}
            """;
    private static final Pattern IOT_KEY = Pattern.compile("<U_IotKey>counter:[^@]+@(\\d+)</U_IotKey>");
    private static final Pattern WINDOW_START = Pattern.compile("<U_WindowStart>([^<]+)</U_WindowStart>");

    @TempDir
    static Path temp;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        Path routes = temp.resolve("routes");
        try (var files = Files.walk(Path.of("routes"))) {
            for (Path from : files.toList()) {
                Files.copy(from, routes.resolve(Path.of("routes").relativize(from).toString()));
            }
        }
        Files.writeString(routes.resolve("sensors/line9-lookup.camel.yaml"), SENSORS, StandardCharsets.UTF_8);
        Path calendar = temp.resolve("shifts.properties");
        Files.writeString(calendar, CALENDAR, StandardCharsets.UTF_8);
        bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString())
                .with("bridge.shifts.file", calendar.toString()).with("bridge.shifts.zone", "UTC").start();
        // the tests publish each reading once, without a session: only once the bridge's MQTT connection
        // is up is it subscribed (in a busy whole-suite run a first test published before and lost them)
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "UP".equals(bridge.healthOf("mqtt:localhost:" + bridge.property("bridge.embedded.mqtt.port"))));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aCounterWithoutOrderInTheCatalogueIsBookedAgainstTheOrderSapB1HasInProgress() throws Exception {
        publishParts("plant/line9/PRESS-07/parts", "press07-parts-lookup", "PRESS-07");

        JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> documentOf("press07-parts-lookup"), d -> d != null);
        String body = document.get("body").asText();
        // bridge.sandbox.sap-b1.orders: PRESS-07=4711/FG-100
        assertThat(body).contains("<BaseEntry>4711</BaseEntry>", "<ItemCode>FG-100</ItemCode>",
                "<U_MachineId>PRESS-07</U_MachineId>");
        Matcher key = IOT_KEY.matcher(body);
        assertThat(key.find()).isTrue();
        assertThat(body).contains("<U_Shift>" + shiftAt(Instant.ofEpochMilli(Long.parseLong(key.group(1)))) + "</U_Shift>");
    }

    @Test
    void meterDocumentsCarryTheShiftAtTheWindowsStartAndTheMachinesWorkOrder() {
        JsonNode meter = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> documentOf("press07-temp"), d -> d != null);
        String body = meter.get("body").asText();
        Matcher start = WINDOW_START.matcher(body);
        assertThat(start.find()).isTrue();
        assertThat(body).contains("<U_Shift>" + shiftAt(Instant.parse(start.group(1))) + "</U_Shift>",
                "<U_WorkOrder>4711</U_WorkOrder>");
    }

    @Test
    void aCounterOnAMachineWithoutAnyOrderIsDeadLetteredWithTheReasonNotLost() throws Exception {
        List<String> ids = publishParts("plant/line9/CNC-09/parts", "cnc09-parts-lookup", "CNC-09");

        List<JsonNode> refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> deadLetters("cnc09-parts-lookup"), l -> !l.isEmpty());
        assertThat(refused.get(0).get("reason").asText()).contains(
                "counter sensor cnc09-parts-lookup", "no production order",
                "sap-b1 has none in progress on machine CNC-09");
        // the last reading always falls in a window with parts: it is kept in the dead letters, not booked
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters("cnc09-parts-lookup"))
                .extracting(d -> d.get("id").asText()).contains(ids.get(2)));
        assertThat(documentOf("cnc09-parts-lookup")).isNull();
    }

    @Test
    void anInvalidShiftCalendarStopsTheStartNamingTheFileAndLine() throws Exception {
        Path bad = temp.resolve("bad-shifts.properties");
        Files.writeString(bad, "early = 06:00-14:00\nlate = 13:30-22:00\n", StandardCharsets.UTF_8);

        BridgeHarness refused = new BridgeHarness().with("bridge.shifts.file", bad.toString());
        try {
            assertThatThrownBy(refused::start).hasStackTraceContaining(
                    bad + ":2: shift 'late' overlaps shift 'early' (line 1) on Mon at 13:30");
        } finally {
            refused.close();
        }
    }

    private static String shiftAt(Instant t) {
        return t.atZone(ZoneOffset.UTC).getHour() < 12 ? "am" : "pm";
    }

    /** Three rising counter values half a second apart (by their timestamps): at least one window with parts. */
    private static List<String> publishParts(String topic, String sensorId, String machineId) throws Exception {
        List<String> ids = new ArrayList<>();
        MqttClient client = new MqttClient("tcp://localhost:" + bridge.property("bridge.embedded.mqtt.port"),
                "test-parts-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        try {
            Instant first = Instant.now().minusMillis(1500);
            for (int i = 0; i < 3; i++) {
                Instant ts = first.plusMillis(500L * i);
                client.publish(topic, """
                        {"sensorId":"%s","machineId":"%s","value":%d,"unit":"1","ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}"""
                        .formatted(sensorId, machineId, 100 + 5 * i, ts, i).getBytes(StandardCharsets.UTF_8), 1, false);
                ids.add(sensorId + ":" + ts.toEpochMilli() + ":" + i);
            }
        } finally {
            client.disconnect();
            client.close();
        }
        return ids;
    }

    private static JsonNode documentOf(String sensorId) throws Exception {
        return bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> d.get("readingIds").toString().contains("\"" + sensorId + ":")).findFirst().orElse(null);
    }

    private static List<JsonNode> deadLetters(String sensorId) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        bridge.getJson("/dead-letters").forEach(d -> {
            if (d.get("id").asText().startsWith(sensorId + ":")) {
                list.add(d);
            }
        });
        return list;
    }
}
