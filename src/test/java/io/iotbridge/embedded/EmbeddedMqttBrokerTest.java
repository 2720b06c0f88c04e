package io.iotbridge.embedded;

import io.iotbridge.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HiveMQ, driven by the Paho MQTT 5 client that camel-paho-mqtt5 uses. */
class EmbeddedMqttBrokerTest {

    @TempDir
    static Path dataDir;

    static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedMqttBroker(FreePorts.next(), dataDir);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void persistentSessionKeepsQos1MessagesPublishedWhileSubscriberWasAway() throws Exception {
        String topic = "plant/test/persistent";
        MqttClient subscriber = new MqttClient(broker.brokerUrl(), "bridge-subscriber", new MemoryPersistence());
        subscriber.connect(persistentSession());
        subscriber.subscribe(topic, 1).waitForCompletion(5000);
        subscriber.disconnect();

        MqttClient publisher = new MqttClient(broker.brokerUrl(), "publisher", new MemoryPersistence());
        publisher.connect();
        for (int i = 1; i <= 5; i++) {
            MqttMessage message = new MqttMessage(("reading-" + i).getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            publisher.publish(topic, message); // returns once the broker has sent PUBACK
        }
        publisher.disconnect();
        publisher.close();

        // queued messages arrive right after CONNACK, so listen before connecting
        CollectingCallback callback = new CollectingCallback();
        subscriber.setCallback(callback);
        subscriber.connect(persistentSession());

        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String payload = callback.payloads.poll(10, TimeUnit.SECONDS);
            assertThat(payload).as("message %d of 5 after %s", i + 1, received).isNotNull();
            received.add(payload);
        }
        assertThat(received).containsExactly("reading-1", "reading-2", "reading-3", "reading-4", "reading-5");
        subscriber.disconnect();
        subscriber.close();
    }

    private static MqttConnectionOptions persistentSession() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        return options;
    }
}
