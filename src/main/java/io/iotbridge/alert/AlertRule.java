package io.iotbridge.alert;

import io.iotbridge.erp.ErpRejectedException;
import java.time.Duration;
import org.apache.camel.util.TimeUtils;

/**
 * A sensor's alert thresholds, from its catalogue entry (reading-buffer-sink's optional
 * parameters {@code alertAbove}, {@code alertBelow}, {@code hysteresis}, {@code coolDown}),
 * which travel with every reading as the iot* headers named here. Blank means not set.
 *
 * @param hysteresis absolute, in the reading's unit: how far back past the threshold the value
 *                   must return before the excursion ends
 * @param coolDown   no new alert for the same sensor this long after the last one started
 */
public record AlertRule(Double above, Double below, double hysteresis, Duration coolDown) {

    public static final String ABOVE = "iotAlertAbove";
    public static final String BELOW = "iotAlertBelow";
    public static final String HYSTERESIS = "iotHysteresis";
    public static final String COOL_DOWN = "iotCoolDown";

    /**
     * @throws ErpRejectedException when a parameter is not a number or duration: the catalogue
     *         entry is wrong, and its readings go to the dead-letter queue with this message
     */
    public static AlertRule parse(String sensorId, String above, String below, String hysteresis, String coolDown) {
        Double a = number(sensorId, "alertAbove", above);
        Double b = number(sensorId, "alertBelow", below);
        Double h = number(sensorId, "hysteresis", hysteresis);
        if (h != null && h < 0) {
            throw new ErpRejectedException("sensor " + sensorId + ": hysteresis must not be negative, was " + hysteresis);
        }
        if (a == null && b == null) {
            throw new ErpRejectedException("sensor " + sensorId + " is catalogued as an alert but sets neither alertAbove nor alertBelow");
        }
        Duration cool;
        try {
            cool = blank(coolDown) ? Duration.ZERO : Duration.ofMillis(TimeUtils.toMilliSeconds(coolDown.strip()));
        } catch (RuntimeException e) {
            throw new ErpRejectedException("sensor " + sensorId + ": coolDown '" + coolDown + "' is not a duration (e.g. 10m)");
        }
        return new AlertRule(a, b, h == null ? 0 : h, cool);
    }

    private static Double number(String sensorId, String name, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new ErpRejectedException("sensor " + sensorId + ": " + name + " '" + text + "' is not a number");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
