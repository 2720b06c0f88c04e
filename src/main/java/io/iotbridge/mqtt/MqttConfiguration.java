package io.iotbridge.mqtt;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.TimeUtils;

/** The iot-mqtt component and its broker connections (bridge.mqtt.*). */
@Configuration
public class MqttConfiguration implements CamelConfiguration, CamelContextAware {

    @PropertyInject(value = "bridge.mqtt.url", defaultValue = "")
    private String defaultBroker;

    @PropertyInject("bridge.mqtt.client-id")
    private String clientId;

    @PropertyInject(value = "bridge.mqtt.session-expiry", defaultValue = "3600")
    private long sessionExpirySeconds;

    @PropertyInject(value = "bridge.mqtt.park-timeout", defaultValue = "30s")
    private String parkTimeout;

    @PropertyInject("bridge.retry.max-delay")
    private long maxRetryDelayMillis;

    private CamelContext camelContext;
    private MqttComponent component;

    @BindToRegistry(MqttComponent.SCHEME)
    public synchronized MqttComponent mqttComponent() throws Exception {
        if (component == null) {
            MqttSettings settings = new MqttSettings(clientId, Duration.ofSeconds(sessionExpirySeconds),
                    Duration.ofMillis(TimeUtils.toMilliSeconds(parkTimeout)),
                    Duration.ofMillis(maxRetryDelayMillis), 
                    () -> camelContext.getRegistry().lookupByNameAndType("tls", SSLContext.class));
            MqttBrokers brokers = new MqttBrokers(camelContext, settings, defaultBroker);
            camelContext.addStartupListener(brokers);
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext context) {
                    brokers.closeAll();
                }
            });
            component = new MqttComponent(brokers);
        }
        return component;
    }

    /** The MQTT catalogue entries read as data, on the same connections. */
    @BindToRegistry
    public MqttSensors mqttSensors() throws Exception {
        return new MqttSensors(camelContext, mqttComponent().brokers());
    }

    @BindToRegistry
    public UnclaimedMessage unclaimedMessage() {
        return new UnclaimedMessage();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
