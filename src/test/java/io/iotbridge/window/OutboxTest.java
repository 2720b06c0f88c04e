package io.iotbridge.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.reading.Quality;
import io.iotbridge.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real state store: entries of several modules survive a reopen, and the keys the
 * reopened outbox gives never take one of an entry still waiting, whichever module holds the
 * highest.
 */
class OutboxTest {

    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void afterAReopenNewEntriesNeverOverwriteOnesStillWaitingInAnyModule() {
        Path file = dir.resolve("s.mv.db");
        try (StateStore store = StateStore.open(file)) {
            Outbox outbox = new Outbox(store);
            store.durable(store.change(() -> {
                // infor's entries get the highest keys; sap-b1's (the last module by name) the lowest
                outbox.put(window("sap-b1", "a", T0));
                outbox.put(window("infor", "b", T0));
                outbox.put(window("infor", "c", T0));
                return store.changed();
            }));
        }
        try (StateStore store = StateStore.open(file)) {
            Outbox outbox = new Outbox(store);
            store.durable(store.change(() -> {
                outbox.put(window("infor", "d", T0));
                return store.changed();
            }));
            assertThat(outbox.size()).isEqualTo(4);
            assertThat(outbox.oldest("infor", Set.of(), 10)).extracting(e -> e.getValue().sensorId())
                    .as("oldest first, nothing overwritten").containsExactly("b", "c", "d");
            assertThat(outbox.oldest("sap-b1", Set.of(), 10)).extracting(e -> e.getValue().sensorId()).containsExactly("a");
        }
    }

    private static ClosedWindow window(String erp, String sensor, long start) {
        WindowMeta meta = new WindowMeta(new WindowId(erp, "meter", sensor, start), start + 10_000, "M-1", "Cel", "rk", Map.of());
        return new ClosedWindow(meta, List.of(new StoredReading(1.0, start + 1000, Quality.GOOD, 1, "mqtt")), Double.NaN);
    }
}
