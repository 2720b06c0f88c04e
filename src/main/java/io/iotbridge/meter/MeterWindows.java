package io.iotbridge.meter;

import io.iotbridge.reading.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tumbling meter windows aligned to the epoch by the reading's own timestamp, so a reading
 * replayed after a crash falls into the same window as the first time and yields the same
 * document key. The aggregator closes a window {@code grace} after its end (late readings
 * within the grace still count).
 */
public class MeterWindows {

    private final long windowMillis;
    private final long graceMillis;
    private final Clock clock;

    public MeterWindows(Duration window, Duration grace, Clock clock) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("bridge.meter.window must be positive, was " + window);
        }
        this.windowMillis = window.toMillis();
        this.graceMillis = grace.toMillis();
        this.clock = clock;
    }

    public Instant windowStart(Reading reading) {
        long ts = reading.ts().toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ts, windowMillis) * windowMillis);
    }

    public Instant windowEnd(Reading reading) {
        return windowStart(reading).plusMillis(windowMillis);
    }

    /** The aggregator's correlation key: one group per sensor and window. */
    public String windowKey(Reading reading) {
        return reading.sensorId() + "@" + windowStart(reading).toEpochMilli();
    }

    /**
     * How long the window stays open from now: until its end plus the grace. The aggregator asks
     * with the first reading of a group and again with the group's running aggregate.
     */
    public long millisUntilClose(Object readingOrAggregate) {
        Reading reading = readingOrAggregate instanceof MeterWindowAggregator.Accumulator acc
                ? acc.first() : (Reading) readingOrAggregate;
        long closeAt = windowEnd(reading).toEpochMilli() + graceMillis;
        return Math.max(closeAt - clock.millis(), graceMillis == 0 ? 1 : graceMillis);
    }
}
