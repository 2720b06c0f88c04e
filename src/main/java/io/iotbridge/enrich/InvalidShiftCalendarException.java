package io.iotbridge.enrich;

/** The shift calendar file cannot be used; the message names the file, the line and the reason. */
public class InvalidShiftCalendarException extends RuntimeException {

    public InvalidShiftCalendarException(String message) {
        super(message);
    }

    public InvalidShiftCalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
