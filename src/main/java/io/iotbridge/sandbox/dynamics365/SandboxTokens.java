package io.iotbridge.sandbox.dynamics365;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The access tokens the sandbox's token endpoint issued, until they expire or are revoked. */
final class SandboxTokens {

    private final Map<String, Instant> valid = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Clock clock;
    private volatile Duration lifetime = Duration.ofSeconds(3599);

    SandboxTokens(Clock clock) {
        this.clock = clock;
    }

    String issue() {
        String token = "sbx." + UUID.randomUUID();
        valid.put(token, clock.instant().plus(lifetime));
        issued.incrementAndGet();
        return token;
    }

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Whether an {@code Authorization} header value carries a live token. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expires = valid.get(authorization.substring("Bearer ".length()).strip());
        return expires != null && clock.instant().isBefore(expires);
    }

    void expireAll() {
        valid.clear();
    }

    int issued() {
        return issued.get();
    }
}
