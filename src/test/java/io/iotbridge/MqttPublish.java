package io.iotbridge;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** One QoS 1 message from a device of its own, as a sensor (or its edge gateway) would publish it. */
public final class MqttPublish {

    private MqttPublish() {
    }

    public static void once(String brokerUrl, String topic, String payload) throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "test-device-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            client.connect();
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
