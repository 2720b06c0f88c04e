package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.erp.sapb1.SapB1DocumentAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OPC UA entry added, changed and removed on a running bridge, on the same server (the
 * embedded line simulator) as the shipped entries: each step shows in the documents, and the
 * other sensors of that server keep delivering throughout (they share its session).
 */
class OpcUaEntryReloadTest {

    private static final String ROUTE = "opcua-line9-press07-temperature-fast";
    private static final String SENSOR = "line9-press07-temp";

    @TempDir
    Path temp;

    @Test
    void theOtherSensorsOfTheServerKeepDeliveringWhileAnEntryComesChangesAndGoes() throws Exception {
        Path routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start()) {
            Path file = routes.resolve("sensors/line9-opcua.camel.yaml");

            Instant added = Instant.now();
            write(file, "Cel");
            awaitReading(bridge, SENSOR, "Cel", added);
            awaitReading(bridge, "press08-temp", "Cel", added);

            Instant changed = Instant.now();
            write(file, "[degF]");
            awaitReading(bridge, SENSOR, "[degF]", changed);
            awaitReading(bridge, "press07-temp", "Cel", changed);
            awaitReading(bridge, "press08-temp", "Cel", changed);

            Files.delete(file);
            await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.getJson("/sensors").toString().contains(ROUTE));
            // readings already in the queue may still be booked; none taken a window after the removal
            Instant removed = Instant.now().plusSeconds(3);
            awaitReading(bridge, "press07-temp", "Cel", removed);
            awaitReading(bridge, "press08-temp", "Cel", removed);
            assertThat(readingsAfter(bridge, SENSOR, removed)).as("readings of the removed entry").isZero();
        }
    }

    private void write(Path file, String fieldUnit) throws Exception {
        // written outside the routes folder and moved in: one file event, one reload
        Path draft = temp.resolve(file.getFileName());
        Files.writeString(draft, EntryFixtures.opcUaEntry(ROUTE, SENSOR, "Cel", "oil-temperature", fieldUnit, "sap-b1"));
        Files.move(draft, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits for a SAP B1 meter document in {@code unit} carrying a reading of the sensor taken after {@code since}. */
    private static void awaitReading(BridgeHarness bridge, String sensorId, String unit, Instant since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge.sandboxDocuments("sap-b1")).as("%s in %s after %s", sensorId, unit, since)
                        .anySatisfy(d -> {
                            assertThat(readingsAfter(d, sensorId, since)).isPositive();
                            assertThat(SapB1DocumentAssert.meterField(d.get("body").asText(), "U_Unit")).isEqualTo(unit);
                        }));
    }

    private static long readingsAfter(BridgeHarness bridge, String sensorId, Instant since) throws Exception {
        long count = 0;
        for (JsonNode d : bridge.sandboxDocuments("sap-b1")) {
            count += readingsAfter(d, sensorId, since);
        }
        return count;
    }

    /** Reading ids are {@code <sensor>:<epoch millis>...}. */
    private static long readingsAfter(JsonNode document, String sensorId, Instant since) {
        long count = 0;
        for (JsonNode id : document.get("readingIds")) {
            String[] parts = id.asText().split(":");
            if (parts[0].equals(sensorId) && Long.parseLong(parts[1]) >= since.toEpochMilli()) {
                count++;
            }
        }
        return count;
    }
}
