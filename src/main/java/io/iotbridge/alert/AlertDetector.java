package io.iotbridge.alert;

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
 */
public class AlertDetector {

    private final Map<String, SensorState> sensors = new ConcurrentHashMap<>();

    /** The alert this reading starts, or {@code null} (the reading then carries no document). */
    public AlertEvent detect(@Body Reading reading, @Header(AlertRule.ABOVE) String above,
                             @Header(AlertRule.BELOW) String below, @Header(AlertRule.HYSTERESIS) String hysteresis,
                             @Header(AlertRule.COOL_DOWN) String coolDown) {
        return evaluate(reading, AlertRule.parse(reading.sensorId(), above, below, hysteresis, coolDown));
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
            AlertDirection direction = rule.above() != null && v > rule.above() ? AlertDirection.ABOVE
                    : rule.below() != null && v < rule.below() ? AlertDirection.BELOW : null;
            if (direction == null) {
                return null;
            }
            double threshold = direction == AlertDirection.ABOVE ? rule.above() : rule.below();
            boolean coolingDown = lastAlertAt != null && r.ts().isBefore(lastAlertAt.plus(rule.coolDown()));
            AlertEvent alert = coolingDown ? null : new AlertEvent("alert:" + r.id(), r.sensorId(), r.machineId(),
                    v, r.unit(), threshold, direction, r.ts(), List.of(r.id()));
            if (alert != null) {
                lastAlertAt = r.ts();
            }
            current = new Excursion(direction, threshold, r.id(), alert);
            return alert;
        }

        private static boolean ended(Excursion e, double v, AlertRule rule) {
            return e.direction() == AlertDirection.ABOVE
                    ? v <= e.threshold() - rule.hysteresis()
                    : v >= e.threshold() + rule.hysteresis();
        }
    }
}
