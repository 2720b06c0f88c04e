package io.iotbridge.embedded;

import io.iotbridge.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedMqttDeviceTest {

    @TempDir
    Path dataDir;

    @Test
    void deviceStartedBeforeTheBrokerPublishesCanonicalReadingsOnceItIsUp() throws Exception {
        int port = FreePorts.next();
        try (SimulatedMqttDevice device = new SimulatedMqttDevice("tcp://127.0.0.1:" + port, "cnc-03", Duration.ofMillis(200));
             EmbeddedMqttBroker broker = new EmbeddedMqttBroker(port, dataDir)) {
            device.start(); // nothing listens on the port yet
            broker.start();

            CollectingCallback callback = new CollectingCallback();
            BlockingQueue<String> temperatures = callback.payloads;
            MqttClient subscriber = new MqttClient(broker.brokerUrl(), "test-subscriber", new MemoryPersistence());
            subscriber.setCallback(callback);
            subscriber.connect();
            subscriber.subscribe(SimulatedMqttDevice.TEMPERATURE_TOPIC, 1);

            String first = temperatures.poll(20, TimeUnit.SECONDS);
            String second = temperatures.poll(5, TimeUnit.SECONDS);
            assertThat(first).as("a reading once the broker is up").isNotNull();
            assertThat(second).isNotNull();

            JsonNode reading = new ObjectMapper().readTree(first);
            assertThat(reading.get("sensorId").asText()).isEqualTo("cnc03-spindle-temp");
            assertThat(reading.get("machineId").asText()).isEqualTo("CNC-03");
            assertThat(reading.get("value").asDouble()).isBetween(40.0, 60.0);
            assertThat(reading.get("unit").asText()).isEqualTo("Cel");
            assertThat(reading.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse(reading.get("ts").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(reading.get("quality").asText()).isEqualTo("GOOD");
            assertThat(reading.get("source").asText()).isEqualTo("mqtt");
            assertThat(new ObjectMapper().readTree(second).get("seq").asLong()).isEqualTo(reading.get("seq").asLong() + 1);
            subscriber.disconnect();
            subscriber.close();
        }
    }
}
