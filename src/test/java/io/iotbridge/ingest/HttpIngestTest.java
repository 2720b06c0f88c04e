package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.buffer.BatchMessage;
import io.iotbridge.RejectedReadings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.apache.camel.Route;
import io.iotbridge.LoggedLines;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * POST /api/v1/readings against the real bridge (embedded default, real HTTP): readings of the
 * HTTP energy meter (routes/sensors/line1-http.camel.yaml) arrive in the SAP B1 sandbox; a
 * request breaking schemas/reading.schema.json is answered 400 naming each field and publishes
 * nothing; a reading for no HTTP sensor, or in the wrong unit, ends in iot.rejected with its reason.
 * Also the OpenAPI description and the status page.
 */
class HttpIngestTest {

    private static final String SENSOR = "press07-energy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void oneReadingAndAnArrayAreAcceptedAndArriveInTheSapB1Sandbox() throws Exception {
        String single = reading(SENSOR, 1234.5, "kW.h");
        HttpResponse<String> one = post(single);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(one.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        String singleId = idOf(single);
        assertThat(answer.get("results").get(0).get("id").asText()).isEqualTo(singleId);
        assertThat(answer.get("results").get(0).get("status").asText()).isEqualTo("accepted");

        String first = reading(SENSOR, 1235.0, "kW.h");
        String second = reading(SENSOR, 1235.5, "kW.h");
        HttpResponse<String> array = post("[" + first + "," + second + "]");
        assertThat(array.statusCode()).as(array.body()).isEqualTo(202);
        JsonNode results = JSON.readTree(array.body()).get("results");
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));

        List<String> ids = List.of(singleId, idOf(first), idOf(second));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds("sap-b1")).containsAll(ids));
        JsonNode document = bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> ids(d).contains(singleId)).findFirst().orElseThrow();
        assertThat(document.get("kind").asText()).isEqualTo("meter");
        assertThat(document.get("body").asText()).contains("press07-energy", "kW.h");
        assertThat(bridge.management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_received_total\\{[^}]*source=\"http\"[^}]*} [3-9]");
    }

    @Test
    void aPostedReadingIsPublishedAsACanonicalReadingOfSourceHttp() throws Exception {
        // a queue of the test's own, bound like erp.sap-b1, gets a copy of what the bridge publishes
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(amqpUrl()));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            // named and not exclusive: Qpid may scope an exclusive server-named queue to the declaring channel
            Queue copy = new Queue("test.http-copy." + java.util.UUID.randomUUID(), false, false, false);
            admin.declareQueue(copy);
            admin.declareBinding(new Binding(copy.getName(), Binding.DestinationType.QUEUE, "iot.readings",
                    "sap-b1.meter.PRESS-07", null));
            String posted = reading(SENSOR, 1500.0, "kW.h");
            assertThat(post(posted).statusCode()).isEqualTo(202);

            RabbitTemplate rabbit = new RabbitTemplate(connections);
            String postedId = idOf(posted);
            AtomicReference<JsonNode> published = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Message m = rabbit.receive(copy.getName(), 500);
                // a meter reading travels in a batch of its routing key's readings (ReadingBatches)
                if (m != null && m.getMessageProperties().getHeader(BatchMessage.COUNT) != null) {
                    BatchMessage.lines(new String(m.getBody(), java.nio.charset.StandardCharsets.UTF_8)).stream()
                            .filter(line -> postedId.equals(line.readingId()))
                            .forEach(line -> published.set(line.reading()));
                }
                return published.get() != null;
            });
            assertThat(published.get().get("source").asText()).isEqualTo("http");
            assertThat(published.get().get("sensorId").asText()).isEqualTo(SENSOR);
            assertThat(published.get().get("unit").asText()).isEqualTo("kW.h");
            assertThat(published.get().get("value").asDouble()).isEqualTo(1500.0);
            admin.deleteQueue(copy.getName());
        } finally {
            connections.destroy();
        }
    }

    @Test
    void aRequestBreakingTheSchemaIsAnswered400NamingEachFieldAndPublishesNothing() throws Exception {
        String valid = reading(SENSOR, 1300.0, "kW.h");
        String broken = """
                {"sensorId":"press07-energy","machineId":"PRESS-07","value":"high","unit":"kW.h",
                 "ts":"yesterday","quality":"FINE","seq":1}""";
        String noValue = """
                {"sensorId":"press07-energy","machineId":"PRESS-07","unit":"kW.h","ts":"%s"}""".formatted(Instant.now());
        HttpResponse<String> response = post("[" + valid + "," + broken + "," + noValue + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(fields(errors)).contains("1:value", "1:ts", "1:quality", "2:value").noneMatch(f -> f.startsWith("0:"));
        errors.forEach(e -> assertThat(e.get("error").asText()).isNotBlank());

        HttpResponse<String> notJson = post("{\"sensorId\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");

        // a reading posted after the refused request, in the same window, is booked; the valid
        // reading of the refused request never is
        String later = reading(SENSOR, 1301.0, "kW.h");
        assertThat(post(later).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds("sap-b1")).contains(idOf(later)));
        assertThat(bookedIds("sap-b1")).doesNotContain(idOf(valid));
    }

    @Test
    void aReadingForNoHttpSensorOrInTheWrongUnitIsRejectedToIotRejectedWithItsReason() throws Exception {
        String unknown = reading("no-such-meter", 5.0, "kW.h");
        String opcua = reading("press07-temp", 60.0, "Cel");
        String wrongUnit = reading(SENSOR, 5.0, "W.h");
        String good = reading(SENSOR, 1400.0, "kW.h");
        HttpResponse<String> response = post("[" + unknown + "," + opcua + "," + wrongUnit + "," + good + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").asInt()).isEqualTo(3);
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("reason").asText()).isEqualTo("unknown-sensor");
        assertThat(results.get(1).get("reason").asText()).isEqualTo("unknown-sensor");
        assertThat(results.get(1).get("message").asText()).contains("opcua", "not posted over HTTP");
        assertThat(results.get(2).get("reason").asText()).isEqualTo("unit-mismatch");
        assertThat(results.get(3).get("status").asText()).isEqualTo("accepted");

        Message refused = awaitRejected(unknown);
        assertThat(refused.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("unknown-sensor");
        assertThat(refused.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("no-such-meter");
        assertThat(refused.getMessageProperties().<String>getHeader("iotSensorId")).isEqualTo("no-such-meter");
        assertThat(awaitRejected(wrongUnit).getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("unit-mismatch");
        String metrics = bridge.management("/observe/metrics").body();
        assertThat(metrics).containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"unknown-sensor\"[^}]*} [2-9]")
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"unit-mismatch\"[^}]*} [1-9]");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bookedIds("sap-b1")).contains(idOf(good)));
    }

    @Test
    void aReadingWhoseEntryIsNotConsumingIsAnswered503WithoutAStackTrace() throws Exception {
        // the entry's inner route, as while it starts or is reloaded
        Route sink = bridge.context().getRoutes().stream()
                .filter(r -> r.getEndpoint().getEndpointUri().startsWith("direct://http-sensor-" + SENSOR)).findFirst().orElseThrow();
        try (LoggedLines log = LoggedLines.capture()) {
            bridge.context().getRouteController().stopRoute(sink.getRouteId());
            HttpResponse<String> answer = post(reading(SENSOR, 3.0, "kW.h"));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("the catalogue entry of sensor " + SENSOR + " is starting or being reloaded")
                    .doesNotContain("direct:");
            assertThat(log.linesWithCauses()).noneMatch(l -> l.contains("DirectConsumerNotAvailableException"));
        } finally {
            bridge.context().getRouteController().startRoute(sink.getRouteId());
        }
        assertThat(post(reading(SENSOR, 3.0, "kW.h")).statusCode()).isEqualTo(202);
    }

    @Test
    void theCatalogueListsTheHttpDevice() throws Exception {
        JsonNode entry = null;
        for (JsonNode e : bridge.getJson("/sensors")) {
            if (e.get("sensorId").asText().equals(SENSOR)) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("source").asText()).isEqualTo("http");
        assertThat(entry.get("routeId").asText()).isEqualTo("http-line1-press07-energy");
        assertThat(entry.has("address")).isFalse();
    }

    @Test
    void openApiDescriptionListsThePaths() throws Exception {
        JsonNode openapi = bridge.getJson("/openapi.json");
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        openapi.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/readings", "/sensors", "/sensors/refused", "/dead-letters",
                "/dead-letters/{id}/replay", "/sandbox/{erp}/documents", "/status");
        assertThat(openapi.get("paths").get("/readings").has("post")).isTrue();
        assertThat(openapi.get("servers").get(0).get("url").asText())
                .isEqualTo("http://localhost:" + bridge.property("bridge.http.port") + "/api/v1");
    }

    private static List<String> fields(JsonNode errors) {
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("index").asInt() + ":" + e.get("field").asText()));
        return fields;
    }

    private static String reading(String sensorId, double value, String unit) {
        return """
                {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"%s","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(sensorId, value, unit, Instant.now(), SEQ.incrementAndGet());
    }

    private static String idOf(String reading) throws Exception {
        JsonNode r = JSON.readTree(reading);
        return r.get("sensorId").asText() + ":" + Instant.parse(r.get("ts").asText()).toEpochMilli() + ":" + r.get("seq").asLong();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(bridge.request("/api/v1/readings").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> bookedIds(String erp) throws Exception {
        List<String> ids = new ArrayList<>();
        bridge.sandboxDocuments(erp).forEach(d -> ids.addAll(ids(d)));
        return ids;
    }

    private static List<String> ids(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.get("readingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static Message awaitRejected(String payload) {
        return RejectedReadings.await(amqpUrl(), payload);
    }

    private static String amqpUrl() {
        return "amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port");
    }
}
