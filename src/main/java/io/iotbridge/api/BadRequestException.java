package io.iotbridge.api;

/** A request the API refuses for its own values: answered 400 with this message (which names no raw request value). */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
