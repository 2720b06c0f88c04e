package io.iotbridge.alert;

import io.iotbridge.buffer.DeadLetters;
import io.iotbridge.erp.ErpRejectedException;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Headers;

/**
 * Turns a sensor's readings into at most one {@link AlertEvent} per excursion. An excursion starts
 * when the value crosses a threshold and ends when it returns past threshold ∓ hysteresis; while it
 * lasts, no further alert. An excursion that starts within the cool-down of the sensor's last
 * alert raises none. Times are the readings' own, so a replay decides the same way.
 *
 * <p>With {@code predictLead} set, the sensor's trend ({@link TrendWatch}) may raise a predicted
 * alert before the crossing, one per approach; the real alert follows at the crossing all the same.
 * A reading starts at most one of the two.
 *
 * <p>The state lives in memory only: after a restart the first crossing alerts again. That is safe,
 * because the reading that started an alert stays unacknowledged until the ERP accepted the
 * document, so it is the one replayed, and its key ({@code alert:<reading id>}) is the same.
 * A starting reading the ERP refused is dead-lettered; replayed from there it alerts again.
 * The trend's readings are in memory too, beside the excursion: a restart empties them, so the
 * reading that raised a prediction, replayed, raises none, and once the window has readings again
 * a trend still heading for the threshold warns again under its new reading's key.
 */
public class AlertDetector {

    private final Map<String, SensorState> sensors = new ConcurrentHashMap<>();

    /**
     * Header a predicted alert's starting reading carries once the prediction is made ({@code
     * <direction> <crossing time>}, e.g. {@code ABOVE 2026-11-24T10:16:00Z}): dead-lettered with it,
     * the reading brings it back on its replay, when the trend it was fitted from is long gone.
     */
    public static final String PREDICTED = "iotPredicted";

    /**
     * The alert this reading starts, or {@code null} (the reading then carries no document); its
     * rule from the reading's iot* headers ({@link AlertRule}). A reading replayed from the dead
     * letters ({@link DeadLetters#REPLAYED}) is the starting reading of an alert the ERP refused:
     * see {@link #replayed}.
     */
    public AlertEvent detect(@Body Reading reading, @Headers Map<String, Object> headers) {
        AlertRule rule = AlertRule.parse(reading.sensorId(), text(headers, AlertRule.ABOVE), text(headers, AlertRule.BELOW),
                text(headers, AlertRule.HYSTERESIS), text(headers, AlertRule.COOL_DOWN),
                text(headers, AlertRule.PREDICT_LEAD), text(headers, AlertRule.PREDICT_WINDOW));
        String replayed = text(headers, DeadLetters.REPLAYED);
        AlertEvent alert = replayed != null && !replayed.isBlank()
                ? replayed(reading, rule, text(headers, PREDICTED)) : evaluate(reading, rule);
        if (alert != null && alert.predicted()) {
            headers.put(PREDICTED, alert.direction() + " " + alert.predictedCrossing());
        }
        return alert;
    }

    /**
     * The alert of a dead-lettered starting reading, replayed once its cause is fixed. Only
     * starting readings are ever dead-lettered (the others are acknowledged at once), so it
     * alerts again whatever the sensor did since: its excursion may have ended and the cool-down
     * it started would otherwise silence it. The sensor's state is left alone, as it follows the
     * live readings in time order; the key ({@code alert:<reading id>}) is the refused one's.
     *
     * @param predicted the reading's {@link #PREDICTED} header: it started a predicted alert
     */
    public AlertEvent replayed(Reading reading, AlertRule rule, String predicted) {
        return predicted == null || predicted.isBlank() ? replayed(reading, rule) : predictedAgain(reading, rule, predicted.strip());
    }

    /** {@link #replayed(Reading, AlertRule, String)} of a reading that started a real alert. */
    public AlertEvent replayed(Reading reading, AlertRule rule) {
        if (reading.value() == null || reading.quality() == Quality.BAD) {
            return null;
        }
        AlertDirection direction = crossed(reading.value(), rule);
        return direction == null ? null : alert(reading, rule, direction);
    }

    private static AlertEvent predictedAgain(Reading reading, AlertRule rule, String predicted) {
        try {
            String[] parts = predicted.split(" ", 2);
            AlertDirection direction = AlertDirection.valueOf(parts[0]);
            if ((direction == AlertDirection.ABOVE ? rule.above() : rule.below()) == null) {
                throw new IllegalArgumentException("the sensor has no such threshold now");
            }
            return AlertEvent.startedBy(reading, threshold(rule, direction), direction, Instant.parse(parts[1]));
        } catch (RuntimeException e) {
            throw new ErpRejectedException("reading " + reading.id() + ": header " + PREDICTED + " '" + predicted
                    + "' is not '<ABOVE|BELOW> <crossing time>' of a threshold the sensor has (" + e.getMessage() + ")");
        }
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    public AlertEvent evaluate(Reading reading, AlertRule rule) {
        // a BAD value is flagged, never taken as a measurement
        if (reading.value() == null || reading.quality() == Quality.BAD) {
            return null;
        }
        SensorState state = sensors.computeIfAbsent(reading.sensorId(), id -> new SensorState());
        synchronized (state) {
            return state.next(reading, rule);
        }
    }

    private static AlertDirection crossed(double v, AlertRule rule) {
        return rule.above() != null && v > rule.above() ? AlertDirection.ABOVE
                : rule.below() != null && v < rule.below() ? AlertDirection.BELOW : null;
    }

    private static double threshold(AlertRule rule, AlertDirection direction) {
        return direction == AlertDirection.ABOVE ? rule.above() : rule.below();
    }

    private static AlertEvent alert(Reading r, AlertRule rule, AlertDirection direction) {
        return AlertEvent.startedBy(r, threshold(rule, direction), direction, null);
    }

    private record Excursion(AlertDirection direction, double threshold, String startReadingId, AlertEvent alert) {
    }

    private static final class SensorState {
        private final TrendWatch trend = new TrendWatch();
        private Excursion current;
        private Instant lastAlertAt;

        AlertEvent next(Reading r, AlertRule rule) {
            double v = r.value();
            // the starting reading again (redelivered): the same answer as the first time
            if (current != null && current.startReadingId().equals(r.id())) {
                return current.alert();
            }
            AlertEvent predicted = trend.redelivered(r);
            if (predicted != null) {
                return predicted;
            }
            trend.add(r, rule);
            if (current != null) {
                if (!ended(current, v, rule)) {
                    return null;
                }
                current = null;
            }
            AlertDirection direction = crossed(v, rule);
            if (direction == null) {
                return trend.predict(r, rule);
            }
            trend.excursion(direction);
            boolean coolingDown = lastAlertAt != null && r.ts().isBefore(lastAlertAt.plus(rule.coolDown()));
            AlertEvent alert = coolingDown ? null : alert(r, rule, direction);
            if (alert != null) {
                lastAlertAt = r.ts();
            }
            current = new Excursion(direction, threshold(rule, direction), r.id(), alert);
            return alert;
        }

        private static boolean ended(Excursion e, double v, AlertRule rule) {
            return e.direction() == AlertDirection.ABOVE
                    ? v <= e.threshold() - rule.hysteresis()
                    : v >= e.threshold() + rule.hysteresis();
        }
    }
}
