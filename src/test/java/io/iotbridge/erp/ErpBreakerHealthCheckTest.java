package io.iotbridge.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The check erp:&lt;erp&gt; on a real resilience4j breaker in each state: DOWN while open and while
 * half-open (one probe decides), UP only once closed, so an ERP away for an hour does not read UP
 * at every probe.
 */
class ErpBreakerHealthCheckTest {

    @Test
    void downWhileOpenOrHalfOpenUpOnlyOnceClosed() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("erp-sap-b1-breaker");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ErpBreakerHealthCheck check = new ErpBreakerHealthCheck("sap-b1", breaker);
            check.setCamelContext(context);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            breaker.transitionToOpenState();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
            breaker.transitionToHalfOpenState();
            HealthCheck.Result halfOpen = check.call();
            assertThat(halfOpen.getState()).as("half-open: the probe has not answered yet").isEqualTo(HealthCheck.State.DOWN);
            assertThat(halfOpen.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("half-open").contains("erp.sap-b1"));
            breaker.transitionToClosedState();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }
    }
}
