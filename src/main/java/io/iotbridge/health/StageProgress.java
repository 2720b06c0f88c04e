package io.iotbridge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The work waiting in one stage of the pipeline (readings held by an ERP consumer, MQTT messages
 * not yet acknowledged), how long the oldest piece has waited and when the stage last finished
 * one. A piece that waits longer than the stall time means the stage is stalled, whatever the
 * reason: one bad input holding a window open, a lock, a retry that never ends, an ERP call that
 * does not come back.
 */
public final class StageProgress {

    private final String name;
    private final Clock clock;
    private final Map<Object, Instant> waiting = new ConcurrentHashMap<>();
    /** Work that can no longer finish here (its channel closed: the broker sends it again). */
    private final Predicate<Object> gone;
    private volatile Instant lastMoved;

    StageProgress(String name, Clock clock, Predicate<Object> gone) {
        this.name = name;
        this.clock = clock;
        this.gone = gone;
        this.lastMoved = clock.instant();
    }

    public String name() {
        return name;
    }

    /** A piece of work entered the stage. */
    public void waiting(Object work) {
        if (waiting.isEmpty()) {
            // idle until now: the stall time counts from the first piece that waits
            lastMoved = clock.instant();
        }
        waiting.putIfAbsent(work, clock.instant());
    }

    /** A piece of work left the stage: done, refused or handed on. */
    public void done(Object work) {
        if (waiting.remove(work) != null) {
            lastMoved = clock.instant();
        }
    }

    /** Everything waiting is gone (a new connection: the broker sends it again). */
    public void clear() {
        waiting.clear();
        lastMoved = clock.instant();
    }

    /** The pieces that entered and are not done yet, without sweeping gone ones: cheap enough for every arrival. */
    public int held() {
        return waiting.size();
    }

    public int backlog() {
        waiting.keySet().removeIf(gone);
        return waiting.size();
    }

    /** How long the oldest piece of work has waited; zero when none does. */
    public Duration oldest() {
        Instant now = clock.instant();
        return waiting.values().stream().min(Instant::compareTo).map(t -> Duration.between(t, now)).orElse(Duration.ZERO);
    }

    /** How long the stage has finished nothing while work waits; zero when none does. */
    public Duration stalledFor() {
        return backlog() == 0 ? Duration.ZERO : Duration.between(lastMoved, clock.instant());
    }
}
