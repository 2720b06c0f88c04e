package io.iotbridge.meter;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.reading.Reading;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Folds the readings of one sensor window into a {@link MeterWindow}: min, max, avg and last
 * over the readings that carry a value, count and ids over all of them (a BAD reading without
 * a value is still accounted for, and lowers the window's quality). The readings themselves stay
 * with the closed window ({@link #READINGS}), so {@link MeterBookings} can split it into parts. A
 * reading id counts once per window, for meter and counter documents alike (the second copy's
 * delivery is still collected, so it is settled with the first).
 */
public class MeterWindowAggregator implements AggregationStrategy {

    /** Exchange property of a closed window: its readings, in arrival order. */
    public static final String READINGS = "iotWindowReadings";

    private final MeterWindows windows;
    private final Deliveries deliveries;

    public MeterWindowAggregator(MeterWindows windows, Deliveries deliveries) {
        this.windows = windows;
        this.deliveries = deliveries;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Reading reading = newExchange.getMessage().getBody(Reading.class);
        Exchange target = oldExchange == null ? newExchange : oldExchange;
        Accumulator acc = oldExchange == null
                ? new Accumulator(reading, windows)
                : oldExchange.getMessage().getBody(Accumulator.class);
        acc.add(reading);
        target.getMessage().setBody(acc);
        // the window's document settles the broker deliveries of all its readings
        deliveries.collect(newExchange, target);
        return target;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        Accumulator acc = exchange.getMessage().getBody(Accumulator.class);
        if (acc != null) {
            exchange.setProperty(READINGS, List.copyOf(acc.readings.values()));
            exchange.getMessage().setBody(acc.toWindow());
        }
    }

    /** The readings of one open window; only ever touched under the aggregator's lock. */
    static final class Accumulator {
        private final Reading first;
        private final MeterWindows windows;
        // by id: a reading the broker redelivered while its first copy waits here counts once
        private final Map<String, Reading> readings = new LinkedHashMap<>();

        Accumulator(Reading first, MeterWindows windows) {
            this.first = first;
            this.windows = windows;
        }

        Reading first() {
            return first;
        }

        void add(Reading r) {
            readings.putIfAbsent(r.id(), r);
        }

        MeterWindow toWindow() {
            return MeterWindow.over(List.copyOf(readings.values()), windows.windowStart(first), windows.windowEnd(first));
        }
    }
}
