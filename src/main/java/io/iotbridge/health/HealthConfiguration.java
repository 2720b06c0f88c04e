package io.iotbridge.health;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** The pipeline's stages: a readiness check and gauges each, DOWN when work waits and nothing moves. */
@Configuration
public class HealthConfiguration {

    @BindToRegistry
    public Stages stages(CamelContext camelContext, @PropertyInject("bridge.health.stall-after") Duration stallAfter,
            @PropertyInject("bridge.meter.window") Duration meterWindow, @PropertyInject("bridge.meter.grace") Duration meterGrace) {
        return new Stages(camelContext, Stages.stallAfter(stallAfter, meterWindow, meterGrace), Clock.systemUTC());
    }
}
