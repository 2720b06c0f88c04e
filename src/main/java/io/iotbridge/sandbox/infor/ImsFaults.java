package io.iotbridge.sandbox.infor;

import io.iotbridge.sandbox.FaultCountdown;
import java.util.ArrayDeque;
import java.util.Deque;

/** The faults the Infor sandbox is told to inject, consumed one request at a time. */
final class ImsFaults {

    /** A rejection to answer instead of accepting a message. */
    record Rejection(int status, String message) {
    }

    private final FaultCountdown failures = new FaultCountdown();
    private final Deque<Rejection> rejections = new ArrayDeque<>();

    void failNext(int n) {
        failures.next(n);
    }

    synchronized void rejectNext(int n, int status, String message) {
        for (int i = 0; i < n; i++) {
            rejections.add(new Rejection(status, message));
        }
    }

    /** Whether this request is one of those to fail with 503. */
    boolean takeFailure() {
        return failures.take();
    }

    /** The rejection this message gets, or null. */
    synchronized Rejection takeRejection() {
        return rejections.poll();
    }
}
