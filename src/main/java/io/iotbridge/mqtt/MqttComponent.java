package io.iotbridge.mqtt;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The bridge's MQTT 5 source, scheme {@code iot-mqtt}, used by the mqtt-sensor-source Kamelet in
 * place of camel-paho-mqtt5, whose consumer unsubscribes when its route stops, connects before it
 * listens and keeps one connection per route.
 */
public final class MqttComponent extends DefaultComponent {

    public static final String SCHEME = "iot-mqtt";

    private final MqttBrokers brokers;

    MqttComponent(MqttBrokers brokers) {
        this.brokers = brokers;
    }

    MqttBrokers brokers() {
        return brokers;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String broker = getAndRemoveParameter(parameters, "broker", String.class);
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException(uri + ": broker (tcp://host:1883 or ssl://host:8883) is required");
        }
        String group = getAndRemoveParameter(parameters, "sharedGroup", String.class, "");
        return new MqttEndpoint(uri, this, brokers, broker.trim(), new TopicFilter(remaining, group));
    }
}
