package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.MqttPublish;
import io.iotbridge.erp.sapb1.SapB1DocumentAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload of the catalogue against a running bridge whose routes folder is a copy of
 * routes/: a sensor file is added, changed, broken and removed while everything else runs.
 */
class CatalogueReloadTest {

    private static final Duration RELOAD = Duration.ofSeconds(10);
    private static final String ROUTE = "mqtt-line9-fan-speed";
    private static final String SENSOR = "line9-fan-speed";
    private static final String TOPIC = "plant/line9/FAN-1/speed";

    @TempDir
    static Path temp;
    private static Path routes;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void removingOneErpModulesRouteFileStopsOnlyThatModule() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(bridge.sandboxDocuments("infor")).as("infor delivers before").isNotEmpty());
        Files.delete(routes.resolve("erp/infor.camel.yaml"));
        await().atMost(RELOAD).untilAsserted(() ->
                assertThat(bridge.context().getRoute("erp-infor")).as("the infor consumer is gone").isNull());

        // the other two modules keep delivering; infor's readings wait in their queue meanwhile
        Instant removed = Instant.now();
        int inforDocuments = bridge.sandboxDocuments("infor").size();
        for (String erp : List.of("sap-b1", "dynamics365")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(bridge.sandboxDocuments(erp)).as("%s after infor was removed", erp).anySatisfy(d ->
                            assertThat(Instant.parse(d.get("receivedAt").asText())).isAfter(removed.plusSeconds(3))));
        }
        assertThat(bridge.sandboxDocuments("infor")).hasSize(inforDocuments);
    }

    @Test
    void aSensorFileIsAddedChangedBrokenAndRemovedWhileTheRestRuns() throws Exception {
        int baseline = SensorFiles.entries(routes);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sensors()).hasSize(baseline));
        JsonNode spindle = sensor("cnc03-spindle-temp").orElseThrow();
        assertThat(spindle.get("source").asText()).isEqualTo("mqtt");
        assertThat(spindle.get("address").get("topic").asText()).isEqualTo("plant/line1/CNC-03/spindle-temp");
        assertThat(spindle.get("fieldUnit").asText()).isEqualTo("[degF]");
        assertThat(spindle.get("file").asText()).endsWith("sensors/line1-cnc.camel.xml");
        JsonNode press = sensor("press07-temp").orElseThrow();
        assertThat(press.get("source").asText()).isEqualTo("opcua");
        assertThat(press.get("address").get("nodeId").asText()).isEqualTo("ns=2;s=Line1/PRESS-07/Temperature");
        assertThat(press.get("address").get("server").asText()).startsWith("opc.tcp://localhost:");
        assertThat(press.get("samplingInterval").asInt()).isEqualTo(1000);
        Path file = routes.resolve("sensors/line9.camel.xml");

        // added: it is listed, read as data (no route of its own), and its readings reach the ERP
        Files.writeString(file, mqttEntry("Hz", "Hz"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(sensor(SENSOR)).isPresent());
        assertThat(bridge.context().getRoute(ROUTE)).isNull();
        awaitDocument(SENSOR, "Hz", Instant.now(), true);

        // changed: the new field unit shows in the catalogue and in the documents
        Files.writeString(file, mqttEntry("Hz", "/min"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(sensor(SENSOR))
                .hasValueSatisfying(s -> assertThat(s.get("fieldUnit").asText()).isEqualTo("/min")));
        awaitDocument(SENSOR, "/min", Instant.now(), true);

        // one bad space: the file no longer reads as routes; the version before keeps delivering,
        // and the refusal shows in the API and in health (not in readiness: every other sensor runs)
        Files.writeString(file, mqttEntry("Hz", "/min").replace("<to ", "< to "));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(refusals()).anySatisfy(m -> assertThat(m)
                .contains("line9.camel.xml").contains("cannot be loaded").contains("the version loaded before keeps running")));
        assertThat(sensor(SENSOR)).hasValueSatisfying(s -> assertThat(s.get("fieldUnit").asText()).isEqualTo("/min"));
        awaitDocument(SENSOR, "/min", Instant.now(), true);
        assertThat(bridge.healthMessageOf("catalogue")).contains("1 refused").contains("line9.camel.xml")
                .contains("keeps running");
        assertThat(bridge.management("/observe/health").statusCode()).isEqualTo(503);
        assertThat(bridge.management("/observe/health/ready?exposureLevel=full").body()).doesNotContain("\"name\":\"catalogue\"");

        // broken: refused with every reason (the offline check's rules); its version before keeps
        // delivering, and the other sensors too
        Files.writeString(file, mqttEntry("mm/s2", "Hz", "meters"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(refusals()).anySatisfy(m -> assertThat(m)
                .contains("line9.camel.xml").contains("route " + ROUTE).contains("sensor " + SENSOR)
                .contains("unit 'mm/s2'").contains("unit 'Hz'")
                .contains("parameter kind of kamelet:reading-buffer-sink is 'meters', not one of [meter, counter, alert] (did you mean meter?)")
                .contains("the version loaded before keeps running")));
        assertThat(sensor(SENSOR)).hasValueSatisfying(s -> assertThat(s.get("fieldUnit").asText()).isEqualTo("/min"));
        assertThat(bridge.context().getRoute(ROUTE)).isNull();
        Instant broken = Instant.now();
        awaitDocument(SENSOR, "/min", broken, true);
        awaitDocument("press08-temp", "Cel", broken, false);
        awaitDocument("cnc03-spindle-speed", "Hz", broken, false);

        // not even YAML: reported, the rest keeps running
        Files.writeString(file, "<camel><route id=\"unclosed\">");
        await().atMost(RELOAD).untilAsserted(() -> assertThat(refusals()).anySatisfy(m -> assertThat(m)
                .contains("line9.camel.xml").contains("cannot be loaded")));
        assertThat(sensors()).hasSize(baseline + 1);

        // removed: gone
        Files.writeString(file, mqttEntry("Hz", "Hz"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(sensor(SENSOR)).isPresent());
        Files.delete(file);
        await().atMost(RELOAD).untilAsserted(() -> {
            assertThat(sensor(SENSOR)).isEmpty();
            assertThat(bridge.context().getRoute(ROUTE)).isNull();
            assertThat(refusals()).noneSatisfy(m -> assertThat(m).contains("line9.camel.xml"));
        });
        assertThat(bridge.healthMessageOf("catalogue")).isEqualTo("every route file and catalogue entry is loaded");
        // an entry that is a route leaves no leftover Kamelet instance behind (KameletRouteInstances):
        // HttpEntryReloadTest shows that; OpcUaEntryReloadTest that a removed entry read as data stops reading
    }

    private static List<JsonNode> sensors() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        bridge.getJson("/sensors").forEach(list::add);
        return list;
    }

    private static Optional<JsonNode> sensor(String sensorId) throws Exception {
        return sensors().stream().filter(s -> s.get("sensorId").asText().equals(sensorId)).findFirst();
    }

    private static List<String> refusals() throws Exception {
        List<String> messages = new ArrayList<>();
        for (JsonNode r : bridge.getJson("/sensors/refused")) {
            messages.add(r.get("file").asText() + " route " + r.path("routeId").asText() + " (sensor "
                    + r.path("sensorId").asText() + ") " + r.get("reasons").toString() + " " + r.path("running").asText());
        }
        return messages;
    }

    private static String mqttEntry(String unit, String fieldUnit) {
        return mqttEntry(unit, fieldUnit, "meter");
    }

    private static String mqttEntry(String unit, String fieldUnit, String kind) {
        return """
                <camel>
                  <route id="%s">
                    <from uri="kamelet:mqtt-sensor-source?topic=%s&amp;sensorId=%s&amp;machineId=FAN-1&amp;unit=%s"/>
                    <to uri="kamelet:reading-buffer-sink?erp=sap-b1&amp;kind=%s&amp;field=fan-speed&amp;fieldUnit=%s"/>
                  </route>
                </camel>
                """.formatted(ROUTE, TOPIC, SENSOR, unit, kind, fieldUnit);
    }

    /** One canonical reading of the test's fan, as its device would publish it. */
    private static void publishFanReading() throws Exception {
        String payload = """
                {"sensorId":"%s","machineId":"FAN-1","value":25.0,"unit":"Hz","ts":"%s","seq":%d}"""
                .formatted(SENSOR, Instant.now(), System.nanoTime());
        MqttPublish.once(bridge.mqttUrl(), TOPIC, payload);
    }

    /**
     * Waits for a document of the sensor, in that unit, carrying a reading taken after
     * {@code since}; publishes a fan reading at each poll when asked (the route may subscribe
     * a moment after it is listed).
     */
    private static void awaitDocument(String sensorId, String unit, Instant since, boolean publishFan) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            if (publishFan) {
                publishFanReading();
            }
            assertThat(bridge.sandboxDocuments("sap-b1")).anySatisfy(d -> {
                    List<String> ids = new ArrayList<>();
                    d.get("readingIds").forEach(id -> ids.add(id.asText()));
                    assertThat(ids).anySatisfy(id -> {
                        assertThat(id).startsWith(sensorId + ":");
                        assertThat(Long.parseLong(id.split(":")[1])).isGreaterThanOrEqualTo(since.toEpochMilli());
                    });
                assertThat(SapB1DocumentAssert.meterField(d.get("body").asText(), "U_Unit")).isEqualTo(unit);
            });
        });
    }

}
