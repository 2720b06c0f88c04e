package io.iotbridge.erp;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts each retry of a transient ERP delivery failure in
 * {@code iotbridge_erp_delivery_failures_total{erp, class="transient"}}. Java because a route can
 * only run steps once a failure is final, not on each retry (routes/errors.camel.yaml calls this
 * through onRedeliveryRef).
 */
public class DeliveryRetryCounter implements Processor {

    @Override
    public void process(Exchange exchange) {
        String erp = exchange.getMessage().getHeader("iotErp", String.class);
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (erp == null || registry == null || notAttempted(exchange)) {
            return;
        }
        // the same tag keys as the micrometer endpoint's counters of this name (Prometheus needs one set)
        registry.counter("iotbridge.erp.delivery.failures",
                "camelContext", exchange.getContext().getName(), "class", "transient", "erp", erp).increment();
    }

    /** The module's circuit breaker was open: no delivery was attempted, so none failed. */
    private static boolean notAttempted(Exchange exchange) {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return failure instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException;
    }
}
