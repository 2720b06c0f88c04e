package io.iotbridge.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A catalogue entry (or a whole file) whose version was refused, and why.
 *
 * @param line                the entry's line in its file; null when unknown (a file that cannot be
 *                            loaded: its parser's reason says where)
 * @param lastGoodVersionRuns the version loaded before keeps running in its place (a reload's
 *                            refused edit); false: nothing of it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Refusal(String file, Integer line, String routeId, String sensorId, List<String> reasons,
                      boolean lastGoodVersionRuns) {

    /** What runs in place of a refused edit, in the log, the health check, the API and the status page. */
    static final String KEPT = "the version loaded before keeps running";

    /** A refusal of something that did not run before either. */
    public Refusal(String file, Integer line, String routeId, String sensorId, List<String> reasons) {
        this(file, line, routeId, sensorId, reasons, false);
    }

    /** The same refusal, of an edit whose version before keeps running. */
    Refusal keepingLastGood() {
        return new Refusal(file, line, routeId, sensorId, reasons, true);
    }

    /** What runs of it, in words: {@link #KEPT}, or that nothing does. */
    @JsonProperty
    public String running() {
        return lastGoodVersionRuns ? KEPT : "not running";
    }

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
        return place() + ":" + entry() + " refused: " + String.join("; ", reasons) + (lastGoodVersionRuns ? "; " + KEPT : "");
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
