package io.iotbridge.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A catalogue entry (or a whole file) that does not run, and why.
 *
 * @param line the entry's line in its file; null when unknown (a file that cannot be loaded: its
 *             parser's reason says where)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Refusal(String file, Integer line, String routeId, String sensorId, List<String> reasons) {

    /** A file that could not be read at all. */
    public static Refusal unreadable(String file, String reason) {
        return new Refusal(file, null, null, null, List.of(reason));
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

    /** The one line a plant engineer reads in the log: file and line, entry, every reason. */
    @JsonIgnore
    public String message() {
        return place() + ":" + entry() + " refused: " + String.join("; ", reasons);
    }

    /** One line per reason, as the offline check prints them: {@code <file>:<line>: route <id> (sensor <id>): <reason>}. */
    @JsonIgnore
    public List<String> findings() {
        return reasons.stream().map(reason -> place() + ":" + entry() + (routeId == null ? " " : ": ") + reason).toList();
    }

    private String place() {
        return file + (line == null ? "" : ":" + line);
    }

    private String entry() {
        return routeId == null ? "" : " route " + routeId + " (sensor " + (sensorId == null ? "?" : sensorId) + ")";
    }
}
