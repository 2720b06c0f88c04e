package io.iotbridge.api;

/** A part of the bridge the request needs is off or not ready: answered 503 with this message. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
