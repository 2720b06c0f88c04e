package io.iotbridge.api;

import java.util.regex.Pattern;

/**
 * A value from outside (a request, a device's payload) as it may go into a log line: control
 * characters (CR, LF, ANSI escapes, ...) shown as '?', so it cannot forge lines or colour the
 * terminal, and cut to {@link #MAX_LENGTH} characters, so a 1 MB id does not fill the log.
 */
public final class LogSafe {

    public static final int MAX_LENGTH = 200;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");

    /** An instance only for route files, which call {@link #of} as a bean. */
    public LogSafe() {
    }

    public static String of(Object value) {
        return of(value, MAX_LENGTH);
    }

    /**
     * The same, cut at {@code maxLength}: for the headers of a refused reading in iot.rejected,
     * whose message must stay whole enough to name the key at fault, yet fit the broker's frame.
     */
    public static String of(Object value, int maxLength) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        String cut = text.length() > maxLength
                ? text.substring(0, maxLength) + "...(" + text.length() + " characters)" : text;
        return CONTROL.matcher(cut).replaceAll("?");
    }
}
