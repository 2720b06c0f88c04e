package io.iotbridge.alert;

import io.iotbridge.buffer.DeadLetters;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Turns a sensor's readings into at most one {@link AlertEvent} per excursion. An excursion starts
 * when the value crosses a threshold and ends when it returns past threshold ∓ hysteresis; while it
 * lasts, no further alert. An excursion that starts within the cool-down of the sensor's last
 * alert raises none. Times are the readings' own, so a replay decides the same way.
 *
 * <p>The state lives in memory only: after a restart the first crossing alerts again. That is safe,
 * because the reading that started an alert stays unacknowledged until the ERP accepted the
 * document, so it is the one replayed, and its key ({@code alert:<reading id>}) is the same.
 * A starting reading the ERP refused is dead-lettered; replayed from there it alerts again.
 */
public class AlertDetector {

    private final Map<String, SensorState> sensors = new ConcurrentHashMap<>();

    /**
     * The alert this reading starts, or {@code null} (the reading then carries no document).
     * A reading replayed from the dead letters ({@link DeadLetters#REPLAYED}) is the starting
     * reading of an alert the ERP refused: see {@link #replayed}.
     */
    public AlertEvent detect(@Body Reading reading, @Header(AlertRule.ABOVE) String above,
                             @Header(AlertRule.BELOW) String below, @Header(AlertRule.HYSTERESIS) String hysteresis,
                             @Header(AlertRule.COOL_DOWN) String coolDown, @Header(DeadLetters.REPLAYED) String replayed) {
        AlertRule rule = AlertRule.parse(reading.sensorId(), above, below, hysteresis, coolDown);
        return replayed != null && !replayed.isBlank() ? replayed(reading, rule) : evaluate(reading, rule);
    }

    /**
     * The alert of a dead-lettered starting reading, replayed once its cause is fixed. Only
     * starting readings are ever dead-lettered (the others are acknowledged at once), so it
     * alerts again whatever the sensor did since: its excursion may have ended and the cool-down
     * it started would otherwise silence it. The sensor's state is left alone, as it follows the
     * live readings in time order; the key ({@code alert:<reading id>}) is the refused one's.
     */
    public AlertEvent replayed(Reading reading, AlertRule rule) {
        if (reading.value() == null || reading.quality() == Quality.BAD) {
            return null;
        }
        AlertDirection direction = crossed(reading.value(), rule);
        return direction == null ? null : alert(reading, rule, direction);
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
        return new AlertEvent("alert:" + r.id(), r.sensorId(), r.machineId(), r.value(), r.unit(),
                threshold(rule, direction), direction, r.ts(), List.of(r.id()));
    }

    private record Excursion(AlertDirection direction, double threshold, String startReadingId, AlertEvent alert) {
    }

    private static final class SensorState {
        private Excursion current;
        private Instant lastAlertAt;

        AlertEvent next(Reading r, AlertRule rule) {
            double v = r.value();
            if (current != null) {
                if (current.startReadingId().equals(r.id())) {
                    // the starting reading again (redelivered): the same answer as the first time
                    return current.alert();
                }
                if (!ended(current, v, rule)) {
                    return null;
                }
                current = null;
            }
            AlertDirection direction = crossed(v, rule);
            if (direction == null) {
                return null;
            }
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
