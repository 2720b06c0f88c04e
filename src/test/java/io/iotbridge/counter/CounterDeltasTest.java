package io.iotbridge.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.iotbridge.state.TempStateStore;

class CounterDeltasTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final long WINDOW = 60;

    @TempDir
    Path dir;
    @org.junit.jupiter.api.extension.RegisterExtension
    final TempStateStore state = new TempStateStore();

    @Test
    void eachWindowReportsItsLastValueMinusThePreviousWindowsLast() {
        CounterDeltas deltas = deltas();

        CounterReport first = deltas.report(window(0, 1000, 1012), "4711", "FG-100", "false");
        CounterReport second = deltas.report(window(1, 1015, 1030), "4711", "FG-100", "false");

        // the very first window counts from its smallest value
        assertThat(first.quantity()).isEqualTo(12);
        assertThat(second.quantity()).isEqualTo(18);
        assertThat(second.key()).isEqualTo("counter:press07-parts@" + T0.plusSeconds(WINDOW).toEpochMilli());
        assertThat(second.productionOrder()).isEqualTo("4711");
        assertThat(second.itemCode()).isEqualTo("FG-100");
        assertThat(second.scrap()).isFalse();
        assertThat(second.counterValue()).isEqualTo(1030);
    }

    @Test
    void aResetCountsFromZero() {
        CounterDeltas deltas = deltas();
        deltas.report(window(0, 1000, 1012), "4711", "FG-100", "false");

        CounterReport afterReset = deltas.report(window(1, 0, 7), "4711", "FG-100", "false");

        assertThat(afterReset.quantity()).isEqualTo(7);
    }

    @Test
    void aReplayedWindowReportsTheSameQuantityUnderTheSameKey() {
        CounterDeltas deltas = deltas();
        deltas.report(window(0, 1000, 1012), "4711", "FG-100", "false");
        CounterReport once = deltas.report(window(1, 1015, 1030), "4711", "FG-100", "false");
        deltas.report(window(2, 1031, 1040), "4711", "FG-100", "false");

        CounterReport replay = deltas.report(window(1, 1015, 1030), "4711", "FG-100", "false");

        assertThat(replay).isEqualTo(once);
    }

    @Test
    void windowsOvertakingEachOtherNeitherDoubleCountNorLoseParts() {
        CounterDeltas deltas = deltas();
        deltas.report(window(0, 1000, 1010), "4711", "FG-100", "false");

        // window 2 is reported while window 1 is still on its way (retries); window 1 comes last
        CounterReport w2 = deltas.report(window(2, 1025, 1030), "4711", "FG-100", "false");
        CounterReport w1 = deltas.report(window(1, 1012, 1020), "4711", "FG-100", "false");

        assertThat(w2.quantity()).as("window 2 holds window 1's parts too").isEqualTo(20);
        assertThat(w1).as("window 1's parts are already counted").isNull();
    }

    @Test
    void theRecordedWindowsSurviveARestartOfTheStore() {
        deltas().report(window(0, 1000, 1012), "4711", "FG-100", "false");
        CounterReport before = deltas().report(window(1, 1015, 1030), "4711", "FG-100", "false");

        CounterDeltas restarted = deltas();
        CounterReport replay = restarted.report(window(1, 1015, 1030), "4711", "FG-100", "false");
        CounterReport next = restarted.report(window(2, 1030, 1041), "4711", "FG-100", "false");

        assertThat(replay).isEqualTo(before);
        assertThat(next.quantity()).isEqualTo(11);
    }

    @Test
    void aWindowWithoutNewPartsOrWithoutValuesReportsNothing() {
        CounterDeltas deltas = deltas();
        deltas.report(window(0, 1000, 1012), "4711", "FG-100", "false");

        assertThat(deltas.report(window(1, 1012, 1012), "4711", "FG-100", "false")).isNull();
        MeterWindow bad = new MeterWindow("press07-parts", "PRESS-07", "1", T0.plusSeconds(2 * WINDOW),
                T0.plusSeconds(3 * WINDOW), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, Quality.BAD,
                List.of("press07-parts:1:0"));
        assertThat(deltas.report(bad, "4711", "FG-100", "false")).isNull();
    }

    @Test
    void aScrapCounterSaysSoAndACounterWithoutOrderLeavesItToTheErpsLookup() {
        assertThat(deltas().report(window(0, 5, 8), "4711", "FG-100", "true").scrap()).isTrue();
        // the ERP sink's enrichment fills or refuses it (DocumentEnricher)
        CounterReport unnamed = deltas().report(window(1, 8, 9), " ", "", "false");
        assertThat(unnamed.productionOrder()).isNull();
        assertThat(unnamed.itemCode()).isNull();
    }

    private CounterDeltas deltas() {
        // a new store each time: the windows come back from the state file, as after a restart
        return new CounterDeltas(new CounterStore(state.store(), dir.resolve("counters")));
    }

    private static MeterWindow window(int index, double first, double last) {
        Instant start = T0.plusSeconds(index * WINDOW);
        return new MeterWindow("press07-parts", "PRESS-07", "1", start, start.plusSeconds(WINDOW),
                Math.min(first, last), Math.max(first, last), (first + last) / 2, last, 2, Quality.GOOD,
                List.of("press07-parts:" + start.toEpochMilli() + ":0", "press07-parts:" + (start.toEpochMilli() + 30_000) + ":0"));
    }
}
