package io.iotbridge.alert;

import io.iotbridge.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One excursion past a sensor's threshold, as every ERP module's alert mapper takes it: the
 * reading that started it, the threshold it crossed and which way. A predicted alert (the trend
 * reaches the threshold within the sensor's {@code predictLead}, {@link TrendWatch}) is the same
 * document, started by the reading that made the prediction, with the time the trend reaches the
 * threshold; its {@link #summary()}, which every ERP document carries as its text, says so.
 *
 * @param key        {@code alert:<id of the reading that started the excursion>}: the same after a
 *                   redelivery, so the ERP can recognise a replayed document
 * @param ts         when the starting reading was taken
 * @param readingIds the starting reading's id (the only reading the document carries)
 * @param predictedCrossing when the trend reaches the threshold; {@code null} for a real alert
 */
public record AlertEvent(
        String key,
        String sensorId,
        String machineId,
        double value,
        String unit,
        double threshold,
        AlertDirection direction,
        Instant ts,
        List<String> readingIds,
        Instant predictedCrossing) {

    /** The text a predicted alert's summary starts with: how each ERP's document is told apart. */
    public static final String PREDICTED = "Predicted: ";

    public AlertEvent {
        readingIds = List.copyOf(readingIds);
    }

    /** A real alert (the threshold crossed). */
    public AlertEvent(String key, String sensorId, String machineId, double value, String unit, double threshold,
                      AlertDirection direction, Instant ts, List<String> readingIds) {
        this(key, sensorId, machineId, value, unit, threshold, direction, ts, readingIds, null);
    }

    /** The alert reading {@code r} starts; predicted when {@code predictedCrossing} is given. */
    static AlertEvent startedBy(Reading r, double threshold, AlertDirection direction, Instant predictedCrossing) {
        return new AlertEvent("alert:" + r.id(), r.sensorId(), r.machineId(), r.value(), r.unit(), threshold, direction,
                r.ts(), List.of(r.id()), predictedCrossing);
    }

    /** Whether this is a warning that the trend reaches the threshold, not a crossing. */
    public boolean predicted() {
        return predictedCrossing != null;
    }

    /** How long before the predicted crossing the warning was raised; {@code null} for a real alert. */
    public Duration lead() {
        return predicted() ? Duration.between(ts, predictedCrossing) : null;
    }

    /**
     * For subjects and descriptions, e.g. {@code press07-temp above 79 Cel on PRESS-07: 81.5 Cel at
     * 2026-11-24T10:15:00Z}; predicted: {@code Predicted: press07-temp above 79 Cel on PRESS-07 at
     * 2026-11-24T10:16:00Z (in 60 s): 76.5 Cel at 2026-11-24T10:15:00Z}.
     */
    public String summary() {
        String crossing = direction == AlertDirection.ABOVE ? "above " : "below ";
        String when = predicted() ? " at " + predictedCrossing + " (in " + lead().toSeconds() + " s)" : "";
        return (predicted() ? PREDICTED : "") + sensorId + " " + crossing + number(threshold) + " " + unit
                + " on " + machineId + when + ": " + number(value) + " " + unit + " at " + ts;
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
