package io.iotbridge.bench;

import java.util.Arrays;

/** Latencies in milliseconds, kept whole (a steady window holds some 10,000s): percentiles exact. */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    void add(long millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    void clear() {
        count = 0;
    }

    Latencies copy() {
        Latencies copy = new Latencies();
        copy.values = Arrays.copyOf(values, Math.max(1, count));
        copy.count = count;
        return copy;
    }

    int count() {
        return count;
    }

    /** The p-th percentile (nearest rank, p in 0..100), NaN when there is none. */
    double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, rank - 1)];
    }
}
