package io.iotbridge.meter;

import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.time.Instant;
import java.util.List;

/**
 * The aggregate a meter document carries: one sensor over one tumbling window
 * {@code [windowStart, windowEnd)}, aligned to the epoch so that a replayed reading always
 * falls into the same window (and so the same document key).
 *
 * @param quality the worst quality of the readings in the window
 * @param readingIds the ids of every reading the window carries, in the order given (the windows give time order)
 */
public record MeterWindow(
        String sensorId,
        String machineId,
        String unit,
        Instant windowStart,
        Instant windowEnd,
        double min,
        double max,
        double avg,
        double last,
        long count,
        Quality quality,
        List<String> readingIds) {

    /** The aggregate of {@code readings} (at least one, all of one sensor and window), carrying their ids. */
    public static MeterWindow over(List<Reading> readings, Instant windowStart, Instant windowEnd) {
        List<String> readingIds = readings.stream().map(Reading::id).toList();
        Reading first = readings.get(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long valued = 0;
        Reading latest = null;
        Quality quality = Quality.GOOD;
        for (Reading r : readings) {
            if (r.quality().ordinal() > quality.ordinal()) {
                quality = r.quality();
            }
            if (r.value() != null) {
                min = Math.min(min, r.value());
                max = Math.max(max, r.value());
                sum += r.value();
                valued++;
                // last is the latest by timestamp, not the last to arrive
                if (latest == null || !r.ts().isBefore(latest.ts())) {
                    latest = r;
                }
            }
        }
        boolean none = valued == 0;
        return new MeterWindow(first.sensorId(), first.machineId(), first.unit(), windowStart, windowEnd,
                none ? Double.NaN : min, none ? Double.NaN : max, none ? Double.NaN : sum / valued,
                none ? Double.NaN : latest.value(), readingIds.size(), quality, List.copyOf(readingIds));
    }

    /**
     * The window part every module's document key carries: {@code <windowStart ms>.<offset ms>},
     * the offset being that of the earliest reading in this document. A replay of the same
     * readings has the same key (and the ERP refuses it as a duplicate, which counts as accepted);
     * a reading that arrives after its window's document was sent forms a second document of
     * that window with another earliest reading, hence another key, instead of being taken for a
     * replay and lost.
     */
    public String windowPart() {
        long start = windowStart.toEpochMilli();
        long earliest = readingIds.stream().mapToLong(MeterWindow::timeOf).min().orElse(start);
        return start + "." + Math.max(0, earliest - start);
    }

    /** The epoch milliseconds in a reading id {@code <sensorId>:<ts>:<seq>}. */
    private static long timeOf(String readingId) {
        String[] parts = readingId.split(":");
        return Long.parseLong(parts[parts.length - 2]);
    }
}
