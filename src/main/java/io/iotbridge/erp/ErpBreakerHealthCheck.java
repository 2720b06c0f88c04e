package io.iotbridge.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code erp:<erp>} in /observe/health: DOWN while the module's circuit breaker is open or
 * half-open (one probe decides whether the ERP is back), UP once it is closed, so an ERP away for
 * an hour reads DOWN for the hour instead of flashing UP at every probe. A readiness check only:
 * an ERP being down is no reason to restart the bridge.
 */
final class ErpBreakerHealthCheck extends AbstractHealthCheck {

    private final String erp;
    private final CircuitBreaker breaker;

    ErpBreakerHealthCheck(String erp, CircuitBreaker breaker) {
        super("erp", "erp:" + erp);
        this.erp = erp;
        this.breaker = breaker;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CircuitBreaker.State state = breaker.getState();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        builder.detail("erp", erp).detail("breaker.state", state.name())
                .detail("breaker.failure.rate", metrics.getFailureRate())
                .detail("breaker.not.permitted.calls", metrics.getNumberOfNotPermittedCalls());
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            builder.down().message("circuit breaker open: ERP " + erp
                    + " keeps failing, deliveries are paused and readings wait in queue erp." + erp);
        } else if (state == CircuitBreaker.State.HALF_OPEN) {
            builder.down().message("circuit breaker half-open: ERP " + erp
                    + " failed, a probe delivery tries whether it is back; readings wait in queue erp." + erp);
        } else {
            builder.up();
        }
    }
}
