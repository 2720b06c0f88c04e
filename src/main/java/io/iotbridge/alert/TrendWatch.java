package io.iotbridge.alert;

import io.iotbridge.reading.Reading;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * One sensor's trend toward its thresholds: the readings of its last {@code predictWindow}, the
 * line through them ({@link TrendFit}), and whether a predicted alert may be raised. A prediction
 * fires when the line reaches a threshold within {@code predictLead}; then it is disarmed, and
 * re-arms only once the line no longer goes that way (flat or back), so a steady rise warns once.
 * A real excursion disarms it too. Predictions keep the rule's cool-down among themselves; the
 * real alert keeps its own, so it still follows at the crossing. Not thread-safe: the detector
 * holds the sensor's lock.
 */
final class TrendWatch {

    /**
     * Bounds memory (about 35 bytes a reading) and time per sensor: a window of a faster sensor
     * fits its newest readings only.
     */
    static final int MAX_POINTS = 1_200;

    private final Deque<TrendFit.Point> points = new ArrayDeque<>();
    private AlertDirection disarmed;
    private AlertEvent last;
    private Instant lastAt;

    /** The prediction {@code r} raised before, when it is that reading again (redelivered). */
    AlertEvent redelivered(Reading r) {
        return last != null && last.readingIds().contains(r.id()) ? last : null;
    }

    /** Takes {@code r} into the window, in time order; a reading of a time already held is not taken twice. */
    void add(Reading r, AlertRule rule) {
        if (!rule.predicts()) {
            points.clear();
            return;
        }
        TrendFit.Point p = new TrendFit.Point(r.ts(), r.value());
        if (points.isEmpty() || points.peekLast().epochMillis() < p.epochMillis()) {
            points.addLast(p);
        } else if (points.stream().noneMatch(q -> q.epochMillis() == p.epochMillis())) {
            // late (e.g. concurrent consumers): in its place, so the window's ends stay its oldest and newest
            List<TrendFit.Point> sorted = new ArrayList<>(points);
            sorted.add(p);
            sorted.sort(Comparator.comparingLong(TrendFit.Point::epochMillis));
            points.clear();
            points.addAll(sorted);
        }
        long from = points.peekLast().epochMillis() - rule.predictWindow().toMillis();
        while (points.size() > MAX_POINTS || points.peekFirst().epochMillis() < from) {
            points.removeFirst();
        }
    }

    /** A real excursion started: the trend that led there warns no more until it goes back. */
    void excursion(AlertDirection direction) {
        disarmed = direction;
    }

    /** The predicted alert {@code r} raises (outside an excursion), or {@code null}. */
    AlertEvent predict(Reading r, AlertRule rule) {
        if (!rule.predicts()) {
            return null;
        }
        TrendFit fit = TrendFit.of(points);
        if (disarmed != null) {
            if (fit != null && fit.slopePerSecond() != 0
                    && (fit.slopePerSecond() > 0) == (disarmed == AlertDirection.ABOVE)) {
                return null;
            }
            disarmed = null;
        }
        if (fit == null) {
            return null;
        }
        for (AlertDirection direction : AlertDirection.values()) {
            Double threshold = direction == AlertDirection.ABOVE ? rule.above() : rule.below();
            Instant crossing = threshold == null ? null : fit.reaches(threshold, direction);
            if (crossing != null && !crossing.isAfter(r.ts().plus(rule.predictLead()))) {
                disarmed = direction;
                if (lastAt != null && r.ts().isBefore(lastAt.plus(rule.coolDown()))) {
                    return null;
                }
                lastAt = r.ts();
                last = AlertEvent.startedBy(r, threshold, direction, crossing);
                return last;
            }
        }
        return null;
    }
}
