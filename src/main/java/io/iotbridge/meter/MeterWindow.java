package io.iotbridge.meter;

import io.iotbridge.reading.Quality;
import java.time.Instant;
import java.util.List;

/**
 * The aggregate a meter document carries: one sensor over one tumbling window
 * {@code [windowStart, windowEnd)}, aligned to the epoch so that a replayed reading always
 * falls into the same window (and so the same document key).
 *
 * @param quality the worst quality of the readings in the window
 * @param readingIds the ids of every reading the window carries, in arrival order
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
}
