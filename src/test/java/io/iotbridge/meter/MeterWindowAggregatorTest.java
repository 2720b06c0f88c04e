package io.iotbridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class MeterWindowAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
    private final MeterWindows windows = new MeterWindows(Duration.ofSeconds(10), Duration.ofSeconds(2), clock);
    private final MeterWindowAggregator aggregator = new MeterWindowAggregator(windows, new io.iotbridge.buffer.Deliveries(null, null));
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void foldsAWindowIntoMinMaxAvgLastCountAndEveryReadingId() {
        Exchange group = null;
        group = aggregator.aggregate(group, exchange(reading(1, 70.0, Quality.GOOD)));
        group = aggregator.aggregate(group, exchange(reading(3, 74.0, Quality.UNCERTAIN)));
        group = aggregator.aggregate(group, exchange(reading(2, 72.5, Quality.GOOD)));
        group = aggregator.aggregate(group, exchange(reading(4, null, Quality.BAD)));
        aggregator.onCompletion(group);

        MeterWindow w = group.getMessage().getBody(MeterWindow.class);
        assertThat(w.sensorId()).isEqualTo("press07-temp");
        assertThat(w.windowStart()).isEqualTo(T0);
        assertThat(w.windowEnd()).isEqualTo(T0.plusSeconds(10));
        assertThat(w.min()).isEqualTo(70.0);
        assertThat(w.max()).isEqualTo(74.0);
        assertThat(w.avg()).isCloseTo(72.1667, org.assertj.core.data.Offset.offset(1e-3));
        // last is the latest by timestamp among valued readings, not the last to arrive
        assertThat(w.last()).isEqualTo(74.0);
        assertThat(w.count()).isEqualTo(4);
        assertThat(w.quality()).isEqualTo(Quality.BAD);
        assertThat(w.readingIds()).containsExactly("press07-temp:" + T0.plusSeconds(1).toEpochMilli() + ":1",
                "press07-temp:" + T0.plusSeconds(3).toEpochMilli() + ":3",
                "press07-temp:" + T0.plusSeconds(2).toEpochMilli() + ":2",
                "press07-temp:" + T0.plusSeconds(4).toEpochMilli() + ":4");
    }

    @Test
    void aReadingRedeliveredWhileItsFirstCopyWaitsCountsOnceInMeterAndCounterDocuments() {
        MeterWindow w = window(reading(1, 10.0, Quality.GOOD), reading(2, 14.0, Quality.GOOD), reading(1, 10.0, Quality.GOOD));
        assertThat(w.readingIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(w.count()).isEqualTo(2);
        assertThat(w.avg()).as("the copy does not weigh twice").isEqualTo(12.0);
        try (io.iotbridge.state.StateStore state = io.iotbridge.state.StateStore.open(tempDir.resolve("state.mv.db"))) {
            io.iotbridge.counter.CounterReport report = new io.iotbridge.counter.CounterDeltas(
                    new io.iotbridge.counter.CounterStore(state, tempDir.resolve("counters"))).report(w, "", "", "false");
            assertThat(report.readingIds()).as("a Receipt books each reading id once").hasSize(2).doesNotHaveDuplicates();
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tempDir;

    @Test
    void windowsAreAlignedToTheEpochSoAReplayedReadingGetsTheSameWindow() {
        Reading r = reading(7, 1.0, Quality.GOOD);
        assertThat(windows.windowKey(r)).isEqualTo("press07-temp@" + T0.toEpochMilli());
        assertThat(windows.windowKey(reading(9, 1.0, Quality.GOOD))).isEqualTo(windows.windowKey(r));
        // open until end (T0+10s) plus grace (2s), seen from T0+5s
        assertThat(windows.millisUntilClose(r)).isEqualTo(7_000);
        Reading old = new Reading("press07-temp", "PRESS-07", 1.0, "Cel", T0.minusSeconds(3600), Quality.GOOD, "opcua", 0);
        assertThat(windows.millisUntilClose(old)).as("a replayed old reading closes after the grace").isEqualTo(2_000);
    }

    @Test
    void aLateReadingFormsAnotherPartOfItsWindowWhileAReplayKeepsTheKey() {
        MeterWindow booked = window(reading(1, 70.0, Quality.GOOD), reading(3, 71.0, Quality.GOOD));
        MeterWindow replay = window(reading(3, 71.0, Quality.GOOD), reading(1, 70.0, Quality.GOOD));
        MeterWindow late = window(reading(5, 72.0, Quality.GOOD));
        assertThat(booked.windowPart()).isEqualTo(T0.toEpochMilli() + ".1000");
        assertThat(replay.windowPart()).as("same readings, any order").isEqualTo(booked.windowPart());
        assertThat(late.windowPart()).isEqualTo(T0.toEpochMilli() + ".5000").isNotEqualTo(booked.windowPart());
    }

    private MeterWindow window(Reading... readings) {
        Exchange group = null;
        for (Reading r : readings) {
            group = aggregator.aggregate(group, exchange(r));
        }
        aggregator.onCompletion(group);
        return group.getMessage().getBody(MeterWindow.class);
    }

    private Reading reading(int second, Double value, Quality quality) {
        return new Reading("press07-temp", "PRESS-07", value, "Cel", T0.plusSeconds(second), quality, "opcua", second);
    }

    private Exchange exchange(Reading r) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(r);
        return e;
    }
}
