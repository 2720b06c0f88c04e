package io.iotbridge.sandbox;

import java.util.concurrent.TimeUnit;

/**
 * A sandbox that answers at most so many requests a second, however many arrive at once: an ERP
 * slower than the bridge needs (bench/README.md, the slowed-ERP run). Each request takes the next free
 * slot, {@code 1 / rate} after the one before, and waits for it. Off (0) unless set.
 */
public final class AnswerPace {

    /** Nanoseconds between two answers; 0 when off. */
    private volatile long intervalNanos;
    /** When the next request may be answered ({@link System#nanoTime()}); guarded by this. */
    private long nextSlot = Long.MIN_VALUE;

    /** At most {@code perSecond} answers a second; 0 turns the pace off. */
    public void perSecond(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("answers per second must be 0 (off) or a positive number: " + perSecond);
        }
        intervalNanos = perSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    }

    /** The answers a second this pace allows; 0 when off. */
    public double perSecond() {
        long interval = intervalNanos;
        return interval == 0 ? 0 : 1e9 / interval;
    }

    /** Waits for this request's slot (at once when off). */
    public void await() throws InterruptedException {
        long interval = intervalNanos;
        if (interval == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
            nextSlot = slot + interval;
        }
        // deliberately holds the request's thread, as a slow ERP holds the caller's connection
        TimeUnit.NANOSECONDS.sleep(slot - System.nanoTime());
    }
}
