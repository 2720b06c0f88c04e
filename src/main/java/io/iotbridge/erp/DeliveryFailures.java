package io.iotbridge.erp;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.util.ObjectHelper;

/**
 * Counts failed ERP deliveries in {@code iotbridge_erp_delivery_failures_total{erp, class}}:
 * {@code transient} for each attempt that failed and is tried again, {@code permanent} for a
 * document the ERP refused. An attempt the module's open circuit breaker did not make is no failure.
 */
public final class DeliveryFailures {

    private final CamelContext context;

    public DeliveryFailures(CamelContext context) {
        this.context = context;
    }

    public void transient_(String erp, Throwable failure) {
        if (ObjectHelper.getException(CallNotPermittedException.class, failure) == null) {
            count(erp, "transient");
        }
    }

    public void permanent(String erp) {
        count(erp, "permanent");
    }

    private void count(String erp, String kind) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (erp == null || registry == null) {
            return;
        }
        // the same tag keys as the micrometer endpoint's counters of this name (Prometheus needs one set)
        registry.counter("iotbridge.erp.delivery.failures", "camelContext", context.getName(), "class", kind, "erp", erp)
                .increment();
    }
}
