package io.iotbridge.alert;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;

/** Alert kind: per-sensor excursion state, kept by the ERP consumer routes (bean alertDetector). */
@Configuration
public class AlertConfiguration {

    @BindToRegistry
    public AlertDetector alertDetector() {
        return new AlertDetector();
    }
}
