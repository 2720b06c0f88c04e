package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.MqttPublish;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain OPC UA and MQTT entries are read by the shared consumers and never become routes; an
 * entry with steps of its own stays a route; an entry whose parameter its Kamelet does not allow
 * is refused while the rest of its file runs.
 */
class CatalogueAsDataTest {

    private static final String PLAIN = "mqtt-line9-fan1-speed";
    private static final String FILTERED = "mqtt-line9-fan2-speed";
    private static final String BAD = "mqtt-line9-fan3-speed";

    @TempDir
    Path temp;

    @Test
    void plainEntriesAreDataAndEntriesWithStepsStayRoutes() throws Exception {
        Path routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start()) {
            int shipped = SensorFiles.entries(routes);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sensors(bridge)).hasSize(shipped));
            for (JsonNode sensor : sensors(bridge)) {
                String source = sensor.get("source").asText();
                String routeId = sensor.get("routeId").asText();
                // an HTTP device posts to an endpoint of its own: that entry stays a route
                assertThat(bridge.context().getRoute(routeId) != null).as("%s entry %s is a route", source, routeId)
                        .isEqualTo(source.equals("http"));
            }
            // read as data, they still deliver: a shipped OPC UA sensor and a shipped MQTT sensor
            awaitReadingOf(bridge, "press07-temp", null);
            awaitReadingOf(bridge, "cnc03-spindle-speed", null);

            Path draft = temp.resolve("line9.camel.yaml");
            Files.writeString(draft, plainEntry() + filteredEntry() + badEntry());
            Files.move(draft, routes.resolve("sensors/line9.camel.yaml"), StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(sensors(bridge)).extracting(s -> s.get("routeId").asText()).contains(PLAIN, FILTERED).doesNotContain(BAD);
                assertThat(bridge.getJson("/sensors/refused").toString()).contains(BAD)
                        .contains("parameter payload of kamelet:mqtt-sensor-source is 'xml', not one of [json, number]");
            });
            // the catalogue lists an entry as soon as it is accepted; its route is added just after
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(bridge.context().getRoute(FILTERED)).as("entry with a filter").isNotNull());
            assertThat(bridge.context().getRoute(PLAIN)).as("plain entry").isNull();
            awaitReadingOf(bridge, "line9-fan-1-speed", "plant/line9/FAN-1/speed");
            awaitReadingOf(bridge, "line9-fan-2-speed", "plant/line9/FAN-2/speed");
        }
    }

    private static List<JsonNode> sensors(BridgeHarness bridge) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        bridge.getJson("/sensors").forEach(list::add);
        return list;
    }

    /** Waits for a SAP B1 document carrying a reading of the sensor; publishes a bare number to its topic at each poll when it has one. */
    private static void awaitReadingOf(BridgeHarness bridge, String sensorId, String topic) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            if (topic != null) {
                MqttPublish.once(bridge.mqttUrl(), topic, "25.0");
            }
            assertThat(bridge.sandboxDocuments("sap-b1")).as("documents with %s", sensorId).anySatisfy(d ->
                    assertThat(d.get("readingIds").toString()).contains("\"" + sensorId + ":"));
        });
    }

    /** The buffer sink step, unindented: each entry indents it to where its steps are. */
    private static final String SINK = """
            - to:
                uri: kamelet:reading-buffer-sink
                parameters: {erp: sap-b1, kind: meter, field: fan-speed, fieldUnit: Hz}
            """;

    private static String plainEntry() {
        return entry(PLAIN, "FAN-1", "number", SINK.indent(8));
    }

    private static String filteredEntry() {
        return entry(FILTERED, "FAN-2", "number", """
                        - filter:
                            simple: "${body} != '-1'"
                            steps:
                """ + SINK.indent(14));
    }

    private static String badEntry() {
        return entry(BAD, "FAN-3", "xml", SINK.indent(8));
    }

    private static String entry(String routeId, String machine, String payload, String steps) {
        return """
                - route:
                    id: %s
                    from:
                      uri: kamelet:mqtt-sensor-source
                      parameters:
                        topic: plant/line9/%s/speed
                        payload: %s
                        sensorId: line9-%s-speed
                        machineId: %s
                        unit: Hz
                      steps:
                """.formatted(routeId, machine, payload, machine.toLowerCase(), machine) + steps;
    }
}
