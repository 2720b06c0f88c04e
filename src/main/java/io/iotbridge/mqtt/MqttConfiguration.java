package io.iotbridge.mqtt;

import io.iotbridge.tls.TrustStores;
import java.time.Duration;
import java.util.function.Supplier;
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

    @PropertyInject(value = "bridge.mqtt.username", defaultValue = "")
    private String username;

    // from the environment (BRIDGE_MQTT_PASSWORD), like every secret of the bridge
    @PropertyInject(value = "bridge.mqtt.password", defaultValue = "")
    private String password;

    @PropertyInject(value = "bridge.mqtt.keystore", defaultValue = "")
    private String keystore;

    @PropertyInject(value = "bridge.mqtt.keystore-password", defaultValue = "")
    private String keystorePassword;

    @PropertyInject(value = "bridge.tls.truststore", defaultValue = "")
    private String truststore;

    @PropertyInject(value = "bridge.tls.truststore-password", defaultValue = "")
    private String truststorePassword;

    private CamelContext camelContext;
    private MqttComponent component;

    @BindToRegistry(MqttComponent.SCHEME)
    public synchronized MqttComponent mqttComponent() throws Exception {
        if (component == null) {
            MqttSettings settings = new MqttSettings(clientId, Duration.ofSeconds(sessionExpirySeconds),
                    Duration.ofMillis(TimeUtils.toMilliSeconds(parkTimeout)),
                    Duration.ofMillis(maxRetryDelayMillis), tls(), username, password);
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

    /** The bridge's TLS context (bean tls), or one with the same trust and the MQTT client certificate. */
    private Supplier<SSLContext> tls() {
        if (keystore.isBlank()) {
            return () -> camelContext.getRegistry().lookupByNameAndType("tls", SSLContext.class);
        }
        SSLContext withCertificate = TrustStores.context(truststore, truststorePassword, "bridge.mqtt.keystore",
                keystore, keystorePassword);
        return () -> withCertificate;
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
