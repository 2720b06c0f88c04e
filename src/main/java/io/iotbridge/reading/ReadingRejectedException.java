package io.iotbridge.reading;

/**
 * A reading the bridge refuses at ingest. The reason is a short, stable code that becomes the
 * {@code reason} label of {@code iotbridge_readings_rejected_total} and the reason header of the
 * message in {@code iot.rejected}; the message says what exactly was wrong.
 */
public class ReadingRejectedException extends RuntimeException {

    /**
     * Every reason the bridge refuses a reading for: each is a series of
     * {@code iotbridge_readings_rejected_total} at 0 from the start, so an alert on it has data
     * before the first refusal (ReadingRejectedReasonsTest keeps this list complete).
     */
    public static final java.util.List<String> REASONS = java.util.List.of("unparseable", "missing-field", "invalid-field",
            "invalid-reading", "unknown-sensor", "unit-mismatch", "implausible-time", "out-of-range");

    private final String reason;

    public ReadingRejectedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReadingRejectedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
