package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.MqttPublish;
import io.iotbridge.RejectedReadings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/**
 * One bad input, sent as a broken or hostile device would, is refused alone to iot.rejected with
 * its reason, and the honest readings sent after it on the same topic or endpoint are booked: a
 * timestamp at the end of time over MQTT (it overflowed the reading id and stopped all MQTT intake),
 * readings dated 9999 and year 1000 over HTTP (they held the SAP B1 window open until 9999, or
 * overflowed the latency timer), a value beyond SAP's numeric(19,6) (it failed its whole window),
 * a unit or machine id longer than schemas/reading.schema.json allows (over MQTT it was refused as
 * a unit mismatch carrying the whole value, or taken; over HTTP a 10 kB unit reached iot.rejected).
 */
class ImplausibleReadingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void anMqttReadingAtTheEndOfTimeIsRefusedAndTheNextOneOnItsTopicIsBooked() throws Exception {
        String topic = "plant/line1/CNC-03/spindle-temp";
        String endOfTime = mqttReading("+1000000000-12-31T23:59:59Z");
        MqttPublish.once(bridge.mqttUrl(), topic, endOfTime);
        String good = mqttReading(Instant.now().toString());
        MqttPublish.once(bridge.mqttUrl(), topic, good);

        Message refused = RejectedReadings.await(amqpUrl(), endOfTime);
        assertThat(refused.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("implausible-time");
        assertThat(refused.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("bridge.readings.max-future");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds()).contains(idOf(good, "cnc03-spindle-temp")));
    }

    @Test
    void anMqttReadingWithAnOverlongUnitOrMachineIdIsRefusedNamingTheFieldAndTheNextOneOnItsTopicIsBooked() throws Exception {
        String topic = "plant/line1/CNC-03/spindle-temp";
        String longUnit = mqttReading(Instant.now().toString()).replace("\"unit\":\"Cel\"", "\"unit\":\"" + "C".repeat(10_000) + "\"");
        String longMachine = mqttReading(Instant.now().toString()).replace("\"CNC-03\"", "\"" + "M".repeat(201) + "\"");
        MqttPublish.once(bridge.mqttUrl(), topic, longUnit);
        MqttPublish.once(bridge.mqttUrl(), topic, longMachine);
        String good = mqttReading(Instant.now().toString());
        MqttPublish.once(bridge.mqttUrl(), topic, good);

        for (var refusal : List.of(List.of(longUnit, "'unit' holds 10000 characters", "at most 64"),
                List.of(longMachine, "'machineId' holds 201 characters", "at most 200"))) {
            Message refused = RejectedReadings.await(amqpUrl(), refusal.get(0));
            assertThat(refused.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("invalid-field");
            assertThat(refused.getMessageProperties().<String>getHeader("iotRejectMessage"))
                    .contains(refusal.get(1), refusal.get(2), "schemas/reading.schema.json").doesNotContain("CCCCCCCC");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds()).contains(idOf(good, "cnc03-spindle-temp")));
    }

    @Test
    void anHttpReadingWithAnOverlongUnitIsAnswered400NamingTheFieldWithoutEchoingIt() throws Exception {
        String longUnit = httpReading(Instant.now().toString(), "1.0").replace("\"kW.h\"", "\"" + "k".repeat(100_000) + "\"");
        HttpResponse<String> response = bridge.postJson("/readings", longUnit);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("unit");
        assertThat(errors.get(0).get("error").asText()).contains("64");
        assertThat(response.body()).hasSizeLessThan(1_000);
    }

    @Test
    void httpReadingsDated9999OrYear1000OrBeyondSapsDigitsAreRefusedAloneAndTheRestIsBooked() throws Exception {
        String future = httpReading("9999-12-31T23:59:59Z", "1.0");
        String ancient = httpReading("1000-01-01T00:00:00Z", "1.0");
        String huge = httpReading(Instant.now().toString(), "-1e308");
        String good = httpReading(Instant.now().toString(), "1234.5");
        HttpResponse<String> response = bridge.postJson("/readings", "[" + future + "," + ancient + "," + huge + "," + good + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results.get(0).get("reason").asText()).isEqualTo("implausible-time");
        assertThat(results.get(0).get("message").asText()).contains("bridge.readings.max-future");
        assertThat(results.get(1).get("reason").asText()).isEqualTo("implausible-time");
        assertThat(results.get(1).get("message").asText()).contains("bridge.readings.max-age");
        assertThat(results.get(2).get("reason").asText()).isEqualTo("out-of-range");
        assertThat(results.get(2).get("message").asText()).contains("sap-b1", "9999999999999.999999");
        assertThat(results.get(3).get("status").asText()).isEqualTo("accepted");

        String goodId = results.get(3).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds()).contains(goodId));
        assertThat(bridge.management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"implausible-time\"[^}]*} [2-9]")
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"out-of-range\"[^}]*} [1-9]");
    }

    private static String mqttReading(String ts) {
        return """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":41.5,"unit":"Cel","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(ts, SEQ.incrementAndGet());
    }

    private static String httpReading(String ts, String value) {
        return """
                {"sensorId":"press07-energy","machineId":"PRESS-07","value":%s,"unit":"kW.h","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(value, ts, SEQ.incrementAndGet());
    }

    private static String idOf(String reading, String sensorId) throws Exception {
        JsonNode node = JSON.readTree(reading);
        return sensorId + ":" + Instant.parse(node.get("ts").asText()).toEpochMilli() + ":" + node.get("seq").asLong();
    }

    private static List<String> bookedIds() throws Exception {
        List<String> ids = new ArrayList<>();
        bridge.sandboxDocuments("sap-b1").forEach(d -> d.get("readingIds").forEach(id -> ids.add(id.asText())));
        return ids;
    }

    private static String amqpUrl() {
        return "amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port");
    }
}
