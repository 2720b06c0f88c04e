package io.iotbridge.mqtt;

import io.iotbridge.reading.ReadingRejectedException;
import org.apache.camel.Header;

/** Why a message no catalogue entry read is refused (route mqtt-unclaimed). */
public final class UnclaimedMessage {

    public void refuse(@Header(MqttConsumer.TOPIC) String topic, @Header("iotMqttBroker") String broker) {
        throw new ReadingRejectedException("unknown-sensor", "no catalogue entry reads MQTT topic '" + topic
                + "' on " + broker);
    }
}
