package io.iotbridge.alert;

import java.time.Instant;
import java.util.List;

/**
 * One excursion past a sensor's threshold, as every ERP module's alert mapper takes it: the
 * reading that started it, the threshold it crossed and which way.
 *
 * @param key        {@code alert:<id of the reading that started the excursion>}: the same after a
 *                   redelivery, so the ERP can recognise a replayed document
 * @param ts         when the starting reading was taken
 * @param readingIds the starting reading's id (the only reading the document carries)
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
        List<String> readingIds) {

    public AlertEvent {
        readingIds = List.copyOf(readingIds);
    }

    /** e.g. {@code Temperature above 78 Cel on PRESS-07: 81.5 Cel (sensor press07-temp-alert)}, for subjects and descriptions. */
    public String summary() {
        return sensorId + " " + (direction == AlertDirection.ABOVE ? "above " : "below ") + number(threshold) + " " + unit
                + " on " + machineId + ": " + number(value) + " " + unit + " at " + ts;
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
