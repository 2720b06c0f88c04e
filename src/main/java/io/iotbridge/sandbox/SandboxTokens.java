package io.iotbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The bearer tokens a sandbox's token endpoint issued, each live until it expires or is revoked. */
public final class SandboxTokens {

    private final Map<String, Instant> valid = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Clock clock;
    private volatile Duration lifetime;

    public SandboxTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue() {
        String token = "sbx." + UUID.randomUUID();
        valid.put(token, clock.instant().plus(lifetime));
        issued.incrementAndGet();
        return token;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Whether an {@code Authorization} header value carries a live token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expires = valid.get(authorization.substring("Bearer ".length()).strip());
        return expires != null && clock.instant().isBefore(expires);
    }

    public void expireAll() {
        valid.clear();
    }

    public int issued() {
        return issued.get();
    }
}
