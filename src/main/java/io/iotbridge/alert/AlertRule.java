package io.iotbridge.alert;

import io.iotbridge.erp.ErpRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    /** Camel's duration form (10m, 1h30m, 500ms, or milliseconds): Camel's own parser reads other text as 0. */
    private static final Pattern DURATION = Pattern.compile("\\d+|(?=\\d)(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");

    /**
     * @throws ErpRejectedException when the parameters make no rule ({@link #problems}): the
     *         catalogue gate refuses such an entry, so only a reading of an older catalogue gets
     *         here, and goes to the dead-letter queue with this message
     */
    public static AlertRule parse(String sensorId, String above, String below, String hysteresis, String coolDown) {
        List<String> problems = problems(above, below, hysteresis, coolDown);
        if (!problems.isEmpty()) {
            throw new ErpRejectedException("sensor " + sensorId + ": " + String.join("; ", problems));
        }
        Double h = number(hysteresis);
        return new AlertRule(number(above), number(below), h == null ? 0 : h,
                blank(coolDown) ? Duration.ZERO : Duration.ofMillis(TimeUtils.toMilliSeconds(coolDown.strip())));
    }

    /**
     * Every reason the parameters of an alert entry make no rule, each naming its parameter;
     * empty when they make one. The catalogue check refuses an alert entry with these.
     */
    public static List<String> problems(String above, String below, String hysteresis, String coolDown) {
        List<String> problems = new ArrayList<>();
        notANumber(problems, "alertAbove", above);
        notANumber(problems, "alertBelow", below);
        notANumber(problems, "hysteresis", hysteresis);
        if (blank(above) && blank(below)) {
            problems.add("is of kind alert but sets neither alertAbove nor alertBelow");
        }
        Double a = numberOrNull(above);
        Double b = numberOrNull(below);
        Double h = numberOrNull(hysteresis);
        if (h != null && h < 0) {
            problems.add("hysteresis must not be negative, was " + hysteresis.strip());
        }
        if (a != null && b != null && b >= a) {
            problems.add("alertBelow (" + below.strip() + ") must be lower than alertAbove (" + above.strip()
                    + "), else every value is an excursion");
        }
        if (!blank(coolDown) && !DURATION.matcher(coolDown.strip()).matches()) {
            problems.add("coolDown '" + coolDown + "' is not a duration (e.g. 10m, 1h30m, 90s)");
        }
        return problems;
    }

    private static void notANumber(List<String> problems, String name, String text) {
        if (!blank(text) && numberOrNull(text) == null) {
            problems.add(name + " '" + text + "' is not a number");
        }
    }

    private static Double number(String text) {
        return blank(text) ? null : Double.valueOf(text.strip());
    }

    /** The number, or null when it is not set or not a number (reported on its own). */
    private static Double numberOrNull(String text) {
        try {
            return number(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
