package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A few thousand random and mutated payloads (fixed seed) at POST /api/v1/readings and at an MQTT
 * entry's topic: the bridge stays up and answering, every payload is accepted or refused with a
 * reason, iotbridge_readings_rejected_total grows by exactly the refusals, and no payload's marker
 * reaches an ERP document.
 */
class IngestFuzzTest {

    private static final int PER_CHANNEL = 1500;
    private static final long SEED = 20261207L;
    private static final String MQTT_TOPIC = "plant/line1/CNC-03/spindle-temp";
    private static final String[] ERPS = {"sap-b1", "dynamics365", "infor"};
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void hostilePayloadsAreEachAcceptedOrRefusedWithAReasonAndNeverReachAnErpDocument() throws Exception {
        String run = "FUZZ" + UUID.randomUUID().toString().substring(0, 6);
        long base = Instant.now().toEpochMilli();
        List<FuzzPayloads.Payload> http = new FuzzPayloads(SEED, run + "h", "press07-energy", "PRESS-07", "kW.h", base)
                .next(PER_CHANNEL);
        List<FuzzPayloads.Payload> mqtt = new FuzzPayloads(SEED + 1, run + "m", "cnc03-spindle-temp", "CNC-03", "Cel",
                base).next(PER_CHANNEL);
        double rejectedBefore = rejectedTotal();

        int httpRejected = 0;
        for (FuzzPayloads.Payload p : http) {
            httpRejected += refusedInAnswer(p, bridge.postJson("/readings", p.json()));
        }
        publishAll(mqtt);

        // every MQTT payload ends either in iot.rejected (with its reason) or booked under its reading id
        Map<String, Integer> rejectedByMarker = new HashMap<>();
        Pattern marker = Pattern.compile(Pattern.quote(run) + "[hm]\\d+x");
        CachingConnectionFactory connections = amqp();
        try {
            RabbitTemplate rabbit = new RabbitTemplate(connections);
            int expectedHttp = httpRejected;
            await("every MQTT payload refused or booked, every HTTP refusal in iot.rejected")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        drainRejected(rabbit, marker, rejectedByMarker);
                        Set<String> booked = bookedIds();
                        List<String> unaccounted = new ArrayList<>();
                        for (FuzzPayloads.Payload p : mqtt) {
                            boolean isBooked = p.tsMillis() >= 0 && booked.stream()
                                    .anyMatch(id -> id.startsWith("cnc03-spindle-temp:" + p.tsMillis() + ":"));
                            if (!rejectedByMarker.containsKey(p.marker()) && !isBooked) {
                                unaccounted.add(p.json().length() > 300 ? p.json().substring(0, 300) : p.json());
                            }
                        }
                        assertThat(unaccounted).as("MQTT payloads neither refused nor booked").isEmpty();
                        assertThat(count(rejectedByMarker, run + "h")).isEqualTo(expectedHttp);
                    });
        } finally {
            connections.destroy();
        }
        int mqttRejected = count(rejectedByMarker, run + "m");
        assertThat(rejectedTotal() - rejectedBefore).as("iotbridge_readings_rejected_total grew by the refusals")
                .isEqualTo(httpRejected + mqttRejected);

        for (String erp : ERPS) {
            for (JsonNode document : bridge.sandboxDocuments(erp)) {
                assertThat(document.path("body").asText() + document.path("readingIds"))
                        .as("a %s document", erp).doesNotContain(run);
            }
        }

        assertThat(bridge.management("/observe/health/live").statusCode()).isEqualTo(200);
        String good = """
                {"sensorId":"press07-energy","machineId":"PRESS-07","value":12.5,"unit":"kW.h","ts":"%s","seq":7}"""
                .formatted(Instant.now());
        HttpResponse<String> answer = bridge.postJson("/readings", good);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String id = JSON.readTree(answer.body()).get("results").get(0).get("id").asText();
        await("a valid reading after the fuzz is booked").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> bookedIds().contains(id));
    }

    @Test
    void aRefusalQuotingAOneMegabyteValueIsPublishedWithItsMessageCut() throws Exception {
        String value = "u".repeat(1 << 20);
        String reading = """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":"%s","unit":"Cel","ts":"%s","seq":3}"""
                .formatted(value, Instant.now());

        // over MQTT: HTTP refuses a string value by the schema, with a 400 that quotes nothing
        io.iotbridge.MqttPublish.once(bridge.mqttUrl(), "plant/line1/CNC-03/spindle-temp", reading);

        // before the cut, the header outgrew the AMQP frame: the refusal was never published and
        // the topic was held
        CachingConnectionFactory connections = amqp();
        try {
            RabbitTemplate rabbit = new RabbitTemplate(connections);
            await("the refusal in iot.rejected").atMost(Duration.ofSeconds(30)).until(() -> {
                Message m = rabbit.receive("iot.rejected", 500);
                String message = m == null ? "" : m.getMessageProperties().getHeader("iotRejectMessage");
                // the payload whole in the body, the message cut (LogSafe) in the header
                return m != null && m.getBody().length > value.length() && message.length() < 1100
                        && message.matches("field 'value' is not a number: \"u+\\.\\.\\.\\(\\d+ characters\\)");
            });
        } finally {
            connections.destroy();
        }
    }

    private static CachingConnectionFactory amqp() {
        return new CachingConnectionFactory(URI.create(
                "amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port")));
    }

    /** Checks the answer to one payload; returns how many of its readings were refused. */
    private static int refusedInAnswer(FuzzPayloads.Payload p, HttpResponse<String> answer) throws Exception {
        String shown = p.json().length() > 300 ? p.json().substring(0, 300) + "..." : p.json();
        if (answer.statusCode() == 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(shown).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("status").asInt()).as(shown).isEqualTo(400);
            assertThat(problem.path("detail").asText() + problem.path("errors")).as(shown).isNotBlank();
            return 0;
        }
        assertThat(answer.statusCode()).as("answer to %s: %s", shown, answer.body()).isEqualTo(202);
        int refused = 0;
        for (JsonNode result : JSON.readTree(answer.body()).get("results")) {
            if (result.path("status").asText().equals("rejected")) {
                assertThat(result.path("reason").asText()).as(shown).isNotBlank();
                assertThat(result.path("message").asText()).as(shown).isNotBlank();
                refused++;
            } else {
                assertThat(result.path("status").asText()).as(shown).isEqualTo("accepted");
            }
        }
        return refused;
    }

    /** One device connection, QoS 1: each publish returns once the broker has the message. */
    private static void publishAll(List<FuzzPayloads.Payload> payloads) throws Exception {
        MqttClient client = new MqttClient(bridge.mqttUrl(), "fuzz-device-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        try {
            for (FuzzPayloads.Payload p : payloads) {
                byte[] bytes = p.json().getBytes(StandardCharsets.UTF_8);
                // Paho may report the previous PUBACK before it frees its in-flight slot: 32202, try again
                await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> published(client, bytes));
            }
        } finally {
            client.disconnectForcibly();
            client.close();
        }
    }

    private static boolean published(MqttClient client, byte[] payload) throws MqttException {
        try {
            client.publish(MQTT_TOPIC, payload, 1, false);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    /** Takes what iot.rejected holds; each refusal of this run must carry its reason. */
    private static void drainRejected(RabbitTemplate rabbit, Pattern marker, Map<String, Integer> byMarker) {
        for (Message m = rabbit.receive("iot.rejected"); m != null; m = rabbit.receive("iot.rejected")) {
            Matcher found = marker.matcher(new String(m.getBody(), StandardCharsets.UTF_8));
            if (found.find()) {
                assertThat(m.getMessageProperties().<String>getHeader("iotRejectReason")).as(found.group()).isNotBlank();
                byMarker.merge(found.group(), 1, Integer::sum);
            }
        }
    }

    private static int count(Map<String, Integer> byMarker, String prefix) {
        return byMarker.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    private static Set<String> bookedIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (String erp : ERPS) {
            bridge.sandboxDocuments(erp).forEach(d -> d.path("readingIds").forEach(id -> ids.add(id.asText())));
        }
        return ids;
    }

    /** The sum of iotbridge_readings_rejected_total over its reasons. */
    private static double rejectedTotal() throws Exception {
        double total = 0;
        for (String line : bridge.management("/observe/metrics").body().split("\n")) {
            if (line.startsWith("iotbridge_readings_rejected_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
