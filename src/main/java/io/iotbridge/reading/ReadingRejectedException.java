package io.iotbridge.reading;

/**
 * A reading the bridge refuses at ingest. The reason is a short, stable code that becomes the
 * {@code reason} label of {@code iotbridge_readings_rejected_total} and the reason header of the
 * message in {@code iot.rejected}; the message says what exactly was wrong.
 */
public class ReadingRejectedException extends RuntimeException {

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
