package io.iotbridge.catalogue;

import java.util.List;

/** A catalogue entry (or a whole file) that does not run, and why. */
public record Refusal(String file, String routeId, String sensorId, List<String> reasons) {

    /** A file that could not be read at all. */
    public static Refusal unreadable(String file, String reason) {
        return new Refusal(file, null, null, List.of(reason));
    }

    /** The innermost cause's message on one line: what the parser said, without Camel's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** The one line a plant engineer reads: file, entry, reason. */
    public String message() {
        String entry = routeId == null ? "" : " route " + routeId + " (sensor " + (sensorId == null ? "?" : sensorId) + ")";
        return file + ":" + entry + " refused: " + String.join("; ", reasons);
    }
}
