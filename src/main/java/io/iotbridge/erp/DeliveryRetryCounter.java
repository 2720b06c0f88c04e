package io.iotbridge.erp;

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
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        new DeliveryFailures(exchange.getContext()).transient_(exchange.getMessage().getHeader("iotErp", String.class), failure);
    }
}
