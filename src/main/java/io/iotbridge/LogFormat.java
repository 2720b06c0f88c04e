package io.iotbridge;

import java.util.Optional;

/**
 * The log's format, {@code plain} or {@code json}, from {@code -Dbridge.log.format} or else
 * {@code BRIDGE_LOG_FORMAT}. log4j2.xml picks the layout itself, before Camel reads
 * application.properties, so the setting cannot live there; this only refuses a value log4j2.xml
 * would silently read as plain.
 */
final class LogFormat {

    static final String PROPERTY = "bridge.log.format";
    static final String VARIABLE = "BRIDGE_LOG_FORMAT";

    private LogFormat() {
    }

    /** Why the start is refused, when the setting is neither plain nor json. */
    static Optional<String> refusal() {
        String property = System.getProperty(PROPERTY);
        String value = property != null ? property : System.getenv(VARIABLE);
        if (value == null || value.isEmpty() || value.equals("plain") || value.equals("json")) {
            return Optional.empty();
        }
        String source = property != null ? PROPERTY : VARIABLE;
        return Optional.of(source + " is '" + value + "': the log format is plain (the default) or json");
    }
}
