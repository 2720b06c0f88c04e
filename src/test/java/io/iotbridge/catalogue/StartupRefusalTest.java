package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route files that cannot be loaded are already there when the bridge starts: each is refused with
 * its reason, as on a live reload, and the bridge starts and runs every other file.
 */
class StartupRefusalTest {

    @TempDir
    Path temp;

    @Test
    void theBridgeStartsWithFilesThatCannotBeLoadedAndRefusesEachWithItsReason() throws Exception {
        Path routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        int shipped = SensorFiles.entries(routes);
        Path sensors = routes.resolve("sensors");
        Files.writeString(sensors.resolve("broken.camel.yaml"), "- route:\n    id: [unclosed\n");
        Files.writeString(sensors.resolve("broken.camel.xml"), "<camel><route id=\"unclosed\">");
        // not XML at all: Camel alone would skip it with a warning
        Files.writeString(sensors.resolve("notes.camel.xml"), "PRESS-09: add the oil temperature next week\n");
        // YAML, but no route: Camel reads it into routes only when it adds them
        Files.writeString(sensors.resolve("no-route.camel.yaml"), "- route:\n    id: typo\n    fromm:\n      uri: timer:x\n");
        // valid entries, but more than SnakeYAML reads in one YAML document (3 MiB)
        StringBuilder tooLarge = new StringBuilder();
        for (int i = 1; tooLarge.length() < 3_300_000; i++) {
            tooLarge.append(EntryFixtures.opcUaEntry("opcua-big-" + i, "big-" + i, "Cel", "temperature", "Cel", "sap-b1"));
        }
        Files.writeString(sensors.resolve("too-large.camel.yaml"), tooLarge);

        try (BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start()) {
            assertThat(refusals(bridge, routes)).satisfiesExactlyInAnyOrder(
                    r -> assertThat(r).startsWith("sensors/broken.camel.yaml: cannot be loaded: ")
                            .contains("expected ',' or ']'"),
                    r -> assertThat(r).startsWith("sensors/broken.camel.xml: cannot be loaded: ")
                            .contains("expected end tags </route></camel>"),
                    r -> assertThat(r).startsWith("sensors/notes.camel.xml: cannot be loaded: not an XML document: ")
                            .contains("Content is not allowed in prolog"),
                    r -> assertThat(r).startsWith("sensors/no-route.camel.yaml: cannot be loaded: ")
                            .contains("Unsupported field: fromm"),
                    r -> assertThat(r).startsWith("sensors/too-large.camel.yaml: cannot be loaded: ")
                            .contains("exceeds the limit: 3145728 code points"));
            assertThat(bridge.getJson("/sensors")).hasSize(shipped);
            // the other files run: an OPC UA and an MQTT sensor deliver to the ERP
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(readingIds(bridge)).anyMatch(id -> id.startsWith("press07-temp:"))
                            .anyMatch(id -> id.startsWith("cnc03-spindle-temp:")));
        }
    }

    /** Each refusal as {@code <file in routes>: <reasons>}. */
    private static List<String> refusals(BridgeHarness bridge, Path routes) throws Exception {
        List<String> refusals = new ArrayList<>();
        for (JsonNode r : bridge.getJson("/sensors/refused")) {
            List<String> reasons = new ArrayList<>();
            r.get("reasons").forEach(reason -> reasons.add(reason.asText()));
            refusals.add(routes.relativize(Path.of(r.get("file").asText())) + ": " + String.join("; ", reasons));
        }
        return refusals;
    }

    private static List<String> readingIds(BridgeHarness bridge) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode document : bridge.sandboxDocuments("sap-b1")) {
            document.get("readingIds").forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }
}
