package io.iotbridge.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.health.StageProgress;
import io.iotbridge.health.Stages;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open windows on a real state store: a window closes when its sensor's own stream passed its
 * end plus the grace, however late on the wall clock its readings arrived (a backlog drains as full
 * windows); a silent sensor's window closes by the clock; a reading delivered again counts once;
 * and everything taken survives a reopen of the store (a crash after the acknowledgement).
 */
class OpenWindowsTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final long T0 = 1_800_000_000_000L; // a window start (multiple of 10 s)

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aBacklogDrainedLongAfterTheFactStillFormsOneWindowPerSensor() {
        try (StateStore store = StateStore.open(dir.resolve("s.mv.db"))) {
            OpenWindows windows = windows(store);
            // an hour later the bridge catches up: readings of T0..T0+20 s arrive within a second
            clock.set(T0 + 3_600_000);
            for (int s = 0; s < 10; s++) {
                windows.add("sap-b1", "meter", reading("a", T0 + s * 1000L, s), Map.of(), "rk");
                windows.add("sap-b1", "meter", reading("b", T0 + s * 1000L, s), Map.of(), "rk");
            }
            assertThat(windows.closable()).as("no reading of a or b past the first window's end + grace yet").isEmpty();
            windows.add("sap-b1", "meter", reading("a", T0 + 12_000, 12), Map.of(), "rk");
            assertThat(windows.closable()).containsExactly(new WindowId("sap-b1", "meter", "a", T0));
            ClosedWindow a = store.change(() -> windows.take(new WindowId("sap-b1", "meter", "a", T0)));
            assertThat(a.readingIds()).hasSize(10).first().isEqualTo("a:" + T0 + ":0");
            assertThat(a.readings()).extracting(Reading::value).startsWith(0.0, 1.0);
        }
    }

    @Test
    void aSilentSensorsWindowClosesByTheClockOnceItSentNothingForAWindowLength() {
        try (StateStore store = StateStore.open(dir.resolve("s.mv.db"))) {
            OpenWindows windows = windows(store);
            clock.set(T0 + 5000);
            windows.add("sap-b1", "meter", reading("a", T0 + 5000, 1), Map.of(), "rk");
            clock.set(T0 + 12_000);
            assertThat(windows.closable()).as("end + grace passed, but it sent only 7 s ago").isEmpty();
            clock.set(T0 + 15_000);
            assertThat(windows.closable()).containsExactly(new WindowId("sap-b1", "meter", "a", T0));
        }
    }

    @Test
    void aReadingDeliveredAgainCountsOnceUntilItsReadingsAreDeadLettered() {
        try (StateStore store = StateStore.open(dir.resolve("s.mv.db"))) {
            ReadingIds ids = new ReadingIds(store, Duration.ofMinutes(5), Duration.ofHours(1), clock);
            OpenWindows windows = new OpenWindows(store, ids, WINDOW, GRACE, clock, this::stage);
            Reading r = reading("a", T0 + 1000, 1);
            assertThat(windows.add("sap-b1", "meter", r, Map.of(), "rk").duplicate()).isFalse();
            assertThat(windows.add("sap-b1", "meter", r, Map.of(), "rk").duplicate()).isTrue();
            assertThat(windows.add("infor", "meter", r, Map.of(), "rk").duplicate()).as("another module's copy").isFalse();
            ClosedWindow closed = store.change(() -> windows.take(new WindowId("sap-b1", "meter", "a", T0)));
            assertThat(closed.readingIds()).containsExactly(r.id());
            assertThat(windows.add("sap-b1", "meter", r, Map.of(), "rk").duplicate())
                    .as("redelivered after its window closed").isTrue();
            ids.forget("sap-b1", List.of(r.id()));
            assertThat(windows.add("sap-b1", "meter", r, Map.of(), "rk").duplicate()).as("replayed dead letter").isFalse();
        }
    }

    @Test
    void whatWasTakenSurvivesAReopenWithItsHeadersAndTheSensorsProgress() {
        Path file = dir.resolve("s.mv.db");
        try (StateStore store = StateStore.open(file)) {
            OpenWindows windows = windows(store);
            windows.add("sap-b1", "counter", reading("c", T0 + 1000, 1), Map.of("iotProductionOrder", "4711"), "rk");
            store.durable(windows.add("sap-b1", "counter", reading("c", T0 + 2000, 2), Map.of(), "rk").change());
        }
        try (StateStore store = StateStore.open(file)) {
            OpenWindows windows = windows(store);
            assertThat(windows.size()).isEqualTo(1);
            windows.add("sap-b1", "counter", reading("c", T0 + 12_500, 3), Map.of(), "rk");
            WindowId id = new WindowId("sap-b1", "counter", "c", T0);
            assertThat(windows.closable()).containsExactly(id);
            ClosedWindow closed = store.change(() -> windows.take(id));
            assertThat(closed.readingIds()).containsExactly("c:" + (T0 + 1000) + ":1", "c:" + (T0 + 2000) + ":2");
            assertThat(closed.headers()).containsEntry("iotProductionOrder", "4711");
            assertThat(closed.routingKey()).isEqualTo("rk");
            assertThat(ClosedWindow.fromBytes(closed.withQuantity(7).toBytes())).isEqualTo(closed.withQuantity(7));
        }
    }

    @Test
    void aWindowWhoseReadingsAreGoneFromADamagedStoreIsDroppedNotSentEmpty() {
        try (StateStore store = StateStore.open(dir.resolve("s.mv.db"))) {
            OpenWindows windows = windows(store);
            windows.add("sap-b1", "meter", reading("a", T0 + 1000, 1), Map.of(), "rk");
            store.map("window-readings").clear();
            assertThat(store.change(() -> windows.take(new WindowId("sap-b1", "meter", "a", T0)))).isNull();
            assertThat(windows.size()).isZero();
        }
    }

    private OpenWindows windows(StateStore store) {
        return new OpenWindows(store, new ReadingIds(store, Duration.ofMinutes(5), Duration.ofHours(1), clock), WINDOW,
                GRACE, clock, this::stage);
    }

    private StageProgress stage(String erp) {
        return Stages.untracked("erp." + erp);
    }

    private static Reading reading(String sensor, long ts, long seq) {
        return new Reading(sensor, "M-1", (double) seq, "Cel", Instant.ofEpochMilli(ts), Quality.GOOD, "mqtt", seq);
    }

    /** A clock the test sets. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void set(long to) {
            millis = to;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }
}
