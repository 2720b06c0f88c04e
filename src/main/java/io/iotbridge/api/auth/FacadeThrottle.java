package io.iotbridge.api.auth;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.iotbridge.api.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps each client of the ERP facades (/api/v1/erp/...) to {@code bridge.api.facade.rate-limit}
 * requests a second, so no one plant system floods the legacy ERP behind: beyond it 429 with
 * Retry-After. One resilience4j rate limiter per caller (after {@link ApiAccess}); the most
 * recently seen 1,000 callers are remembered.
 */
public final class FacadeThrottle implements Handler<RoutingContext> {

    private static final String FACADES = "/api/v1/erp/";
    private static final int CLIENTS = 1_000;

    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> limiters = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > CLIENTS;
        }
    });

    public FacadeThrottle(int perSecond) {
        config = RateLimiterConfig.custom().limitForPeriod(perSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build();
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller = ctx.get(ApiAccess.CALLER);
        if (caller == null || !ctx.normalizedPath().startsWith(FACADES)) {
            ctx.next();
            return;
        }
        RateLimiter limiter = limiters.computeIfAbsent(caller.name(), name -> RateLimiter.of(name, config));
        if (limiter.acquirePermission()) {
            ctx.next();
            return;
        }
        long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        long seconds = Math.max(1, Duration.ofNanos(nanos).toSeconds() + (nanos % 1_000_000_000L > 0 ? 1 : 0));
        ctx.response().putHeader("Retry-After", String.valueOf(seconds));
        Problem.write(ctx, 429, "more than " + config.getLimitForPeriod() + " requests a second from '"
                + caller.name() + "'; send again after " + seconds + " s");
    }
}
