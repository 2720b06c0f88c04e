package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping of entries read as data across reloads of their file, against a source that
 * records what it was asked to start and stop (the shared consumers themselves are tested
 * against Milo and Mosquitto in the ingest tests).
 */
class RunningEntriesTest {

    private static final String FILE = "routes/sensors/line9.camel.yaml";

    private final List<String> log = new ArrayList<>();
    private final SensorSource source = new SensorSource() {
        @Override
        public String source() {
            return "opcua";
        }

        @Override
        public Reading start(SensorEntry entry) {
            if (entry.source().get("nodeId").isBlank()) {
                throw new IllegalArgumentException("nodeId is empty");
            }
            log.add("start " + entry.routeId() + " " + entry.source().get("nodeId"));
            return () -> log.add("stop " + entry.routeId() + " " + entry.source().get("nodeId"));
        }
    };
    private final RunningEntries running = new RunningEntries(kind -> kind.equals("opcua") ? Optional.of(source) : Optional.empty());

    @Test
    void aReloadKeepsUnchangedEntriesRestartsChangedOnesAndStopsRemovedOnes() {
        running.run(entry("a", "ns=2;s=A"));
        running.run(entry("b", "ns=2;s=B"));
        running.run(entry("c", "ns=2;s=C"));
        log.clear();

        running.beginFile(FILE);
        running.run(entry("a", "ns=2;s=A"));
        running.run(entry("b", "ns=2;s=B2"));
        assertThat(log).as("nothing stops before the file is done, but what changed").containsExactly(
                "stop b ns=2;s=B", "start b ns=2;s=B2");
        running.endFile(FILE);

        assertThat(log).containsExactly("stop b ns=2;s=B", "start b ns=2;s=B2", "stop c ns=2;s=C");
    }

    @Test
    void aFileThatIsGoneStopsAllItsEntriesAndNoOther() {
        running.run(entry("a", "ns=2;s=A"));
        running.run(new SensorEntry(catalogueEntry("z", "routes/sensors/other.camel.yaml"), "opcua-sensor-source",
                Map.of("nodeId", "ns=2;s=Z"), Map.of(), true));
        log.clear();

        running.beginFile(FILE);
        running.endFile(FILE);

        assertThat(log).containsExactly("stop a ns=2;s=A");
    }

    @Test
    void anEntryTheSourceCannotReadIsRefusedAndTheOthersKeepReading() {
        running.run(entry("a", "ns=2;s=A"));

        assertThatThrownBy(() -> running.run(entry("b", " "))).hasMessageContaining("nodeId is empty");
        assertThat(running.reads("opcua")).isTrue();
        assertThat(running.reads("http")).isFalse();
        assertThat(log).containsExactly("start a ns=2;s=A");
    }

    @Test
    void aReloadsRefusedVersionOfAnEntryLeavesTheLastGoodOneReading() {
        running.run(entry("a", "ns=2;s=A"));
        log.clear();

        running.beginFile(FILE);
        // the catalogue check refused the new version: the gate keeps the one set aside
        assertThat(running.keep("a", FILE)).hasValueSatisfying(e -> assertThat(e.source()).containsEntry("nodeId", "ns=2;s=A"));
        running.endFile(FILE);

        assertThat(log).as("nothing stopped").isEmpty();
        assertThat(running.keep("a", FILE)).as("only an entry set aside by a reload is kept").isEmpty();
    }

    @Test
    void aNewVersionTheSourceCannotReadLeavesTheLastGoodOneReading() {
        running.run(entry("a", "ns=2;s=A"));
        log.clear();

        running.beginFile(FILE);
        assertThatThrownBy(() -> running.run(entry("a", " "))).hasMessageContaining("nodeId is empty");
        assertThat(running.keep("a", FILE)).isPresent();
        running.endFile(FILE);

        assertThat(log).containsExactly("stop a ns=2;s=A", "start a ns=2;s=A");
    }

    private static SensorEntry entry(String routeId, String nodeId) {
        return new SensorEntry(catalogueEntry(routeId, FILE), "opcua-sensor-source",
                Map.of("server", "opc.tcp://localhost:4840", "nodeId", nodeId), Map.of("erp", "sap-b1"), true);
    }

    private static CatalogueEntry catalogueEntry(String routeId, String file) {
        return new CatalogueEntry(routeId + "-sensor", routeId, "opcua", Map.of(), 1000, "Cel", "PRESS-07", "sap-b1",
                "meter", "temperature", "Cel", file);
    }
}
