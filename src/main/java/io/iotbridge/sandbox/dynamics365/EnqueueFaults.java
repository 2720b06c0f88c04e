package io.iotbridge.sandbox.dynamics365;

import io.iotbridge.sandbox.FaultCountdown;
import java.util.Optional;

/** The faults the sandbox injects into the next enqueue requests, each a countdown. */
final class EnqueueFaults {

    private final FaultCountdown unavailable = new FaultCountdown();
    private final FaultCountdown throttled = new FaultCountdown();
    private final FaultCountdown rejected = new FaultCountdown();
    private volatile long retryAfterSeconds;
    private volatile String rejectionMessage = "";

    void failNext(int n) {
        unavailable.next(n);
    }

    void throttleNext(int n, long retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        throttled.next(n);
    }

    void rejectNext(int n, String message) {
        rejectionMessage = message;
        rejected.next(n);
    }

    boolean takeUnavailable() {
        return unavailable.take();
    }

    /** The Retry-After seconds when this request is to be throttled. */
    Optional<Long> takeThrottle() {
        return throttled.take() ? Optional.of(retryAfterSeconds) : Optional.empty();
    }

    Optional<String> takeRejection() {
        return rejected.take() ? Optional.of(rejectionMessage) : Optional.empty();
    }
}
