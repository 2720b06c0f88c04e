package io.iotbridge.meter;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Folds the readings of one sensor window into a {@link MeterWindow}: min, max, avg and last
 * over the readings that carry a value, count and ids over all of them (a BAD reading without
 * a value is still accounted for, and lowers the window's quality).
 */
public class MeterWindowAggregator implements AggregationStrategy {

    private final MeterWindows windows;

    public MeterWindowAggregator(MeterWindows windows) {
        this.windows = windows;
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
        Deliveries.collect(newExchange, target);
        return target;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        Accumulator acc = exchange.getMessage().getBody(Accumulator.class);
        if (acc != null) {
            exchange.getMessage().setBody(acc.toWindow());
        }
    }

    /** Mutable state of one open window; only ever touched under the aggregator's lock. */
    static final class Accumulator {
        private final Reading first;
        private final MeterWindows windows;
        private final List<String> ids = new ArrayList<>();
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private long valued;
        private double last = Double.NaN;
        private Reading latest;
        private Quality quality = Quality.GOOD;

        Accumulator(Reading first, MeterWindows windows) {
            this.first = first;
            this.windows = windows;
        }

        Reading first() {
            return first;
        }

        void add(Reading r) {
            ids.add(r.id());
            if (r.quality().ordinal() > quality.ordinal()) {
                quality = r.quality();
            }
            if (r.value() != null) {
                double v = r.value();
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                valued++;
                if (latest == null || !r.ts().isBefore(latest.ts())) {
                    latest = r;
                    last = v;
                }
            }
        }

        MeterWindow toWindow() {
            boolean none = valued == 0;
            return new MeterWindow(first.sensorId(), first.machineId(), first.unit(),
                    windows.windowStart(first), windows.windowEnd(first),
                    none ? Double.NaN : min, none ? Double.NaN : max, none ? Double.NaN : sum / valued,
                    last, ids.size(), quality, List.copyOf(ids));
        }
    }
}
