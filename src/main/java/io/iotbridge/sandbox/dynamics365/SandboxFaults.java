package io.iotbridge.sandbox.dynamics365;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults the sandbox injects into the next enqueue requests, each a countdown. */
final class SandboxFaults {

    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile long retryAfterSeconds;
    private volatile String rejectionMessage = "";

    void failNext(int n) {
        unavailable.set(Math.max(0, n));
    }

    void throttleNext(int n, long retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        throttled.set(Math.max(0, n));
    }

    void rejectNext(int n, String message) {
        rejectionMessage = message;
        rejected.set(Math.max(0, n));
    }

    boolean takeUnavailable() {
        return take(unavailable);
    }

    /** The Retry-After seconds when this request is to be throttled. */
    Optional<Long> takeThrottle() {
        return take(throttled) ? Optional.of(retryAfterSeconds) : Optional.empty();
    }

    Optional<String> takeRejection() {
        return take(rejected) ? Optional.of(rejectionMessage) : Optional.empty();
    }

    private static boolean take(AtomicInteger countdown) {
        return countdown.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
