package io.iotbridge.alert;

import io.iotbridge.erp.ErpRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.util.TimeUtils;

/**
 * A sensor's alert thresholds, from its catalogue entry (reading-buffer-sink's optional
 * parameters {@code alertAbove}, {@code alertBelow}, {@code hysteresis}, {@code coolDown},
 * {@code predictLead}, {@code predictWindow}), which travel with every reading as the iot* headers
 * named here. Blank means not set.
 *
 * @param hysteresis    absolute, in the reading's unit: how far back past the threshold the value
 *                      must return before the excursion ends
 * @param coolDown      no new alert for the same sensor this long after the last one started
 * @param predictLead   warn (a predicted alert) when the trend reaches the threshold within this;
 *                      zero: no predictions
 * @param predictWindow the readings of this last stretch of time the trend is fitted over
 */
public record AlertRule(Double above, Double below, double hysteresis, Duration coolDown,
                        Duration predictLead, Duration predictWindow) {

    public static final String ABOVE = "iotAlertAbove";
    public static final String BELOW = "iotAlertBelow";
    public static final String HYSTERESIS = "iotHysteresis";
    public static final String COOL_DOWN = "iotCoolDown";
    public static final String PREDICT_LEAD = "iotPredictLead";
    public static final String PREDICT_WINDOW = "iotPredictWindow";

    /** The Kamelet's default of {@code predictWindow}, for a reading that carries none. */
    static final Duration DEFAULT_PREDICT_WINDOW = Duration.ofMinutes(10);

    /** A rule without predictions. */
    public AlertRule(Double above, Double below, double hysteresis, Duration coolDown) {
        this(above, below, hysteresis, coolDown, Duration.ZERO, DEFAULT_PREDICT_WINDOW);
    }

    public boolean predicts() {
        return !predictLead.isZero();
    }

    /** Camel's duration form (10m, 1h30m, 500ms, or milliseconds): Camel's own parser reads other text as 0. */
    private static final Pattern DURATION = Pattern.compile("\\d+|(?=\\d)(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");

    /**
     * @throws ErpRejectedException when the parameters make no rule ({@link #problems}): the
     *         catalogue gate refuses such an entry, so only a reading of an older catalogue gets
     *         here, and goes to the dead-letter queue with this message
     */
    public static AlertRule parse(String sensorId, String above, String below, String hysteresis, String coolDown) {
        return parse(sensorId, above, below, hysteresis, coolDown, null, null);
    }

    /** {@link #parse(String, String, String, String, String)} with the trend's parameters. */
    public static AlertRule parse(String sensorId, String above, String below, String hysteresis, String coolDown,
                                  String predictLead, String predictWindow) {
        List<String> problems = problems(above, below, hysteresis, coolDown, predictLead, predictWindow);
        if (!problems.isEmpty()) {
            throw new ErpRejectedException("sensor " + sensorId + ": " + String.join("; ", problems));
        }
        Double h = number(hysteresis);
        return new AlertRule(number(above), number(below), h == null ? 0 : h, duration(coolDown, Duration.ZERO),
                duration(predictLead, Duration.ZERO), duration(predictWindow, DEFAULT_PREDICT_WINDOW));
    }

    /**
     * Every reason the parameters of an alert entry make no rule, each naming its parameter;
     * empty when they make one. The catalogue check refuses an alert entry with these.
     */
    public static List<String> problems(String above, String below, String hysteresis, String coolDown,
                                        String predictLead, String predictWindow) {
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
        notADuration(problems, "coolDown", coolDown);
        notADuration(problems, "predictLead", predictLead);
        notADuration(problems, "predictWindow", predictWindow);
        if (!blank(predictWindow) && DURATION.matcher(predictWindow.strip()).matches()
                && TimeUtils.toMilliSeconds(predictWindow.strip()) <= 0) {
            problems.add("predictWindow must be longer than 0, was " + predictWindow.strip());
        }
        return problems;
    }

    private static void notADuration(List<String> problems, String name, String text) {
        if (!blank(text) && !DURATION.matcher(text.strip()).matches()) {
            problems.add(name + " '" + text + "' is not a duration (e.g. 10m, 1h30m, 90s)");
        }
    }

    private static Duration duration(String text, Duration otherwise) {
        return blank(text) ? otherwise : Duration.ofMillis(TimeUtils.toMilliSeconds(text.strip()));
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
