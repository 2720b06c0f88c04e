package io.iotbridge.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** A fault a sandbox injects into the next n requests, one request at a time. */
public final class FaultCountdown {

    private final AtomicInteger remaining = new AtomicInteger();

    /** The next {@code n} requests get the fault (0 or less: none). */
    public void next(int n) {
        remaining.set(Math.max(0, n));
    }

    /** Whether this request gets the fault; counts it down. */
    public boolean take() {
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public int remaining() {
        return remaining.get();
    }
}
