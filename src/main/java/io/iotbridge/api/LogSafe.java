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
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        String cut = text.length() > MAX_LENGTH
                ? text.substring(0, MAX_LENGTH) + "...(" + text.length() + " characters)" : text;
        return CONTROL.matcher(cut).replaceAll("?");
    }
}
