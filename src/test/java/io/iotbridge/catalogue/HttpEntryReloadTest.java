package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP device's entry added to a running bridge takes readings within seconds, and still does
 * after its file was rewritten twice in place, and after a rewrite the catalogue refuses (its
 * version before stays); once its file is removed, its readings are refused as unknown-sensor
 * (the catalogue, not a leftover endpoint, decides).
 */
class HttpEntryReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void anAddedHttpEntryTakesReadingsThroughChangesAndRefusedVersionsAndARemovedOneRefusesThem() throws Exception {
        Path routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start()) {
            Path file = routes.resolve("sensors/line9-http.camel.yaml");
            // written beside the folder and moved in: one file event, one reload (docs/plant-engineer.md, "HTTP devices")
            Path draft = temp.resolve("line9-http.camel.yaml");
            Files.writeString(draft, EntryFixtures.httpEntry("http-line9-oven-energy", "line9-oven-energy", "W.h"));
            Files.move(draft, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(status(post(bridge, 1))).isEqualTo("accepted"));

            // changed twice in place (several file events each): the entry's endpoint moves to
            // each new version; no leftover route of an earlier one holds it
            for (String unit : new String[] {"kW.h", "W.h"}) {
                Files.writeString(file, EntryFixtures.httpEntry("http-line9-oven-energy", "line9-oven-energy", unit));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(unitOf(bridge, "line9-oven-energy")).isEqualTo(unit));
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(status(post(bridge, 4))).isEqualTo("accepted"));
            assertThat(bridge.getJson("/sensors/refused").toString()).doesNotContain("line9-http");

            // changed into a version the catalogue refuses: the version before keeps taking readings
            Files.writeString(file, EntryFixtures.httpEntry("http-line9-oven-energy", "line9-oven-energy", "Wh"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(bridge.getJson("/sensors/refused").toString()).contains("line9-http")
                            .contains("'Wh', not a UCUM code (did you mean W.h?)")
                            .contains("the version loaded before keeps running"));
            assertThat(unitOf(bridge, "line9-oven-energy")).isEqualTo("W.h");
            assertThat(status(post(bridge, 5))).isEqualTo("accepted");

            Files.delete(file);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(status(post(bridge, 2))).isEqualTo("rejected"));
            assertThat(post(bridge, 3).get("results").get(0).get("reason").asText()).isEqualTo("unknown-sensor");
        }
    }

    private static String unitOf(BridgeHarness bridge, String sensorId) throws Exception {
        for (JsonNode sensor : bridge.getJson("/sensors")) {
            if (sensor.get("sensorId").asText().equals(sensorId)) {
                return sensor.get("unit").asText();
            }
        }
        return null;
    }

    private static String status(JsonNode answer) {
        return answer.get("results").get(0).get("status").asText();
    }

    private static JsonNode post(BridgeHarness bridge, long seq) throws Exception {
        String reading = """
                {"sensorId":"line9-oven-energy","machineId":"LINE-9","value":500,"unit":"W.h","ts":"%s","seq":%d}"""
                .formatted(Instant.now(), seq);
        HttpResponse<String> response = HttpClient.newHttpClient().send(bridge.request("/api/v1/readings")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(reading)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }
}
