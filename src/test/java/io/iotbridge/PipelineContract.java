package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.erp.sapb1.SapB1DocumentAssert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * What the whole pipeline must do, whichever brokers it runs on: readings from the OPC UA line
 * and from the MQTT device end as validated AddObject documents in the SAP B1 sandbox, and a
 * malformed payload ends in iot.rejected with its reason while the next reading still arrives.
 */
abstract class PipelineContract {

    protected abstract BridgeHarness bridge();

    /** Where the bridge's AMQP broker is, as amqp://user:pass@host:port. */
    protected abstract String amqpUrl();

    /** Where the bridge's MQTT broker is, as tcp://host:port. */
    protected abstract String mqttUrl();

    @Test
    void readingsFromOpcUaAndMqttArriveInSapB1AsValidatedDocuments() throws Exception {
        AtomicReference<List<JsonNode>> documents = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            documents.set(bridge().sandboxDocuments("sap-b1"));
            assertThat(documentFor(documents.get(), "press07-temp")).as("document from the OPC UA sensor").isPresent();
            assertThat(documentFor(documents.get(), "cnc03-spindle-temp")).as("document from the MQTT sensor").isPresent();
        });
        for (String sensor : List.of("press07-temp", "cnc03-spindle-temp")) {
            JsonNode record = documentFor(documents.get(), sensor).orElseThrow();
            assertThat(record.get("erp").asText()).isEqualTo("sap-b1");
            assertThat(record.get("kind").asText()).isEqualTo("meter");
            assertThat(record.get("key").asText()).isNotBlank();
            assertThat(Instant.parse(record.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            SapB1DocumentAssert.assertMeterDocument(record.get("body").asText(), sensor, readingIds(record));
        }
        // the catalogue books the spindle temperature (published in Cel, 40..60) in [degF]; a shared
        // external queue may still hold readings another bridge buffered, hence "some document"
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge().sandboxDocuments("sap-b1")).anySatisfy(d -> {
                    assertThat(readingIds(d)).anySatisfy(id -> assertThat(id).startsWith("cnc03-spindle-temp:"));
                    String body = d.get("body").asText();
                    assertThat(SapB1DocumentAssert.meterField(body, "U_Unit")).isEqualTo("[degF]");
                    assertThat(Double.parseDouble(SapB1DocumentAssert.meterField(body, "U_Avg"))).isBetween(104.0, 140.0);
                }));

        var health = bridge().management("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        String metrics = bridge().management("/observe/metrics").body();
        assertThat(metrics).containsPattern("iotbridge_readings_received_total\\{[^}]*source=\"opcua\"[^}]*} [1-9]")
                .containsPattern("iotbridge_readings_received_total\\{[^}]*source=\"mqtt\"[^}]*} [1-9]")
                .containsPattern("iotbridge_erp_documents_delivered_total\\{[^}]*erp=\"sap-b1\"[^}]*kind=\"meter\"[^}]*} [1-9]");
    }

    @Test
    void malformedMqttPayloadIsRejectedWithItsReasonAndTheNextReadingStillArrives() throws Exception {
        String garbage = "not a reading " + UUID.randomUUID();
        publish("plant/line1/CNC-03/spindle-temp", garbage);

        Message rejected = awaitRejected(garbage);
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("unparseable");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("not JSON");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotSensorId")).isEqualTo("cnc03-spindle-temp");
        assertThat(bridge().management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"unparseable\"[^}]*} [1-9]");

        // the next good reading still makes it all the way to the ERP
        long seq = System.nanoTime();
        Instant ts = Instant.now();
        publish("plant/line1/CNC-03/spindle-temp", """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":47.5,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(ts, seq));
        String readingId = "cnc03-spindle-temp:" + ts.toEpochMilli() + ":" + seq;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge().sandboxDocuments("sap-b1"))
                        .anySatisfy(d -> assertThat(readingIds(d)).contains(readingId)));
    }

    @Test
    void readingBelowAbsoluteZeroIsRejectedAsOutOfRange() throws Exception {
        String payload = """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":-300,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(Instant.now(), System.nanoTime());
        publish("plant/line1/CNC-03/spindle-temp", payload);

        Message rejected = awaitRejected(payload);
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("out-of-range");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("below absolute zero");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotSensorId")).isEqualTo("cnc03-spindle-temp");
        assertThat(bridge().management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"out-of-range\"[^}]*} [1-9]");
    }

    /** Reads iot.rejected until the message with this exact payload comes (other tests' refusals are skipped). */
    private Message awaitRejected(String payload) {
        CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(amqpUrl()));
        try {
            RabbitTemplate rabbit = new RabbitTemplate(connections);
            AtomicReference<Message> rejected = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Message m = rabbit.receive("iot.rejected", 500);
                if (m != null && new String(m.getBody(), StandardCharsets.UTF_8).equals(payload)) {
                    rejected.set(m);
                }
                return rejected.get() != null;
            });
            return rejected.get();
        } finally {
            connections.destroy();
        }
    }

    private void publish(String topic, String payload) throws Exception {
        MqttClient client = new MqttClient(mqttUrl(), "test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            client.connect();
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
        } finally {
            client.close();
        }
    }

    private static Optional<JsonNode> documentFor(List<JsonNode> documents, String sensorId) {
        return documents.stream()
                .filter(d -> readingIds(d).stream().anyMatch(id -> id.startsWith(sensorId + ":")))
                .findFirst();
    }

    private static List<String> readingIds(JsonNode record) {
        List<String> ids = new java.util.ArrayList<>();
        record.get("readingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
