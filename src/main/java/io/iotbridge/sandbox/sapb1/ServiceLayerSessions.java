package io.iotbridge.sandbox.sapb1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's sessions: each ends when idle longer than the session timeout (SAP's default 30
 * minutes; tests set seconds), at Logout, or when a test expires them all.
 */
final class ServiceLayerSessions {

    private final Clock clock;
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private volatile Duration timeout = Duration.ofMinutes(30);

    ServiceLayerSessions(Clock clock) {
        this.clock = clock;
    }

    String open() {
        String id = UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
        lastUsed.put(id, clock.instant());
        return id;
    }

    /** Whether the session is open, and if so it counts as used now. */
    boolean use(String id) {
        if (id == null) {
            return false;
        }
        Instant now = clock.instant();
        Instant last = lastUsed.get(id);
        if (last == null || now.isAfter(last.plus(timeout))) {
            lastUsed.remove(id);
            return false;
        }
        lastUsed.put(id, now);
        return true;
    }

    void close(String id) {
        lastUsed.remove(id);
    }

    void expireAll() {
        lastUsed.clear();
    }

    /** Sessions neither logged out, expired nor idle past the timeout. */
    int open(Instant now) {
        return (int) lastUsed.values().stream().filter(last -> !now.isAfter(last.plus(timeout))).count();
    }

    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** The SessionTimeout a Login answers, in whole minutes as SAP gives it (at least 1). */
    int timeoutMinutes() {
        long seconds = timeout.toSeconds();
        return (int) Math.max(1, (seconds + 59) / 60);
    }
}
