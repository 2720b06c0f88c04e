package io.iotbridge.erp.dynamics365;

import java.time.Duration;
import java.util.Optional;

/**
 * Delivery failed for a reason that passes: throttling (429), an unavailable service (5xx), a
 * broken connection. Retrying the same document later is safe (the external identifier makes
 * it idempotent); {@link #retryAfter()} says how long the ERP asked to wait, if it did.
 */
public class Dynamics365TransientException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    /** @param status the HTTP status, 0 when there was no response */
    public Dynamics365TransientException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
