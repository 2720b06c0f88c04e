package io.iotbridge.meter;

import io.iotbridge.reading.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Tumbling meter windows aligned to the epoch by the reading's own timestamp, so a reading
 * replayed after a crash falls into the same window as the first time and yields the same
 * document key. The aggregator closes a window {@code grace} after its end (late readings
 * within the grace still count).
 */
public class MeterWindows {

    /** camel-spring-rabbitmq's header for the AMQP redelivered flag. */
    static final String REDELIVERED = "CamelSpringRabbitmqRedelivered";

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
     * The meter aggregator's key: the window's, with readings the broker redelivers grouped apart
     * from those it delivers for the first time. A redelivered group is a replay of readings the
     * bridge took before (often booked already, their acknowledgement lost with the channel); its
     * key is then the booked document's and the ERP answers "already booked". A reading reaching
     * the bridge for the first time must not ride along in it, or it would be acknowledged
     * without ever being booked (fault scenario 1, RabbitMQ restart). First-time readings of such
     * a window form a part of their own, keyed by their own earliest reading.
     */
    public String groupKey(@Body Reading reading, @Header(REDELIVERED) Boolean redelivered) {
        return windowKey(reading) + (Boolean.TRUE.equals(redelivered) ? "/redelivered" : "");
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
