package io.iotbridge.erp;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;

/** What every ERP module's delivery shares: the retry counter the error handler reports to (routes/errors.camel.yaml). */
@Configuration
public class ErpConfiguration {

    @BindToRegistry
    public DeliveryRetryCounter deliveryRetryCounter() {
        return new DeliveryRetryCounter();
    }
}
