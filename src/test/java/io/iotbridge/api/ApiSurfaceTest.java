package io.iotbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.MqttPublish;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the bridge's HTTP side gives away, tried as an attacker on the plant network would (with
 * valid credentials): request values as response headers, error bodies, ids, log lines, the SAP
 * facade's rate, the OpenAPI description, CORS.
 */
class ApiSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.api.facade.rate-limit", "2").start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void noRequestValueComesBackAsAResponseHeader() throws Exception {
        for (String path : List.of("/", "/api/v1/sensors", "/api/v1/status")) {
            HttpResponse<String> r = send(bridge.request(path + "?Refresh=0%3Burl%3Dhttp://evil.example/&Set-Cookie=session%3Devil"
                    + "&X-Echo=1").header("X-Echo-Header", "1").GET());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().map().keySet()).as(path)
                    .noneMatch(h -> h.equalsIgnoreCase("Refresh") || h.equalsIgnoreCase("Set-Cookie") || h.toLowerCase().startsWith("x-echo"));
        }
    }

    @Test
    void aParameterOfTheWrongTypeIsRefusedAtOnceAsAProblem() throws Exception {
        HttpResponse<String> r = send(bridge.request("/api/v1/dead-letters?limit=x").timeout(Duration.ofSeconds(15)).GET());
        assertThat(r.statusCode()).isEqualTo(400);
        assertProblem(r, 400);
    }

    @Test
    void aNotFoundAnswerCarriesTheIdAsJsonString() throws Exception {
        String id = "a\"b\\c<script>:1:0";
        HttpResponse<String> r = send(bridge.request("/api/v1/dead-letters/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(assertProblem(r, 404).path("detail").asText()).endsWith(id);
    }

    @Test
    void idsOverTheirLimitAreRefusedNamingIt() throws Exception {
        HttpResponse<String> longSensor = post("/api/v1/readings", reading("s".repeat(300), "kW.h"));
        assertThat(longSensor.statusCode()).isEqualTo(400);
        assertThat(longSensor.body()).contains("200");
        HttpResponse<String> forged = post("/api/v1/readings", reading("press07-energy\\r\\nforged", "kW.h"));
        assertThat(forged.statusCode()).isEqualTo(400);
        HttpResponse<String> longPathId = send(bridge.request("/api/v1/dead-letters/" + "d".repeat(300) + "/replay")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(longPathId.statusCode()).isEqualTo(400);
        assertThat(assertProblem(longPathId, 400).path("detail").asText()).contains("250");
    }

    @Test
    void aRefusedReadingIsLoggedWithoutControlCharacters() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger rejected = (Logger) LogManager.getLogger("io.iotbridge.rejected");
        AbstractAppender capture = new AbstractAppender("capture-rejected", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        rejected.addAppender(capture);
        try {
            String forged = "\\r\\n02:00:00.000 INFO forged \\u001b[31m";
            HttpResponse<String> r = post("/api/v1/readings", reading("press07-energy", "kW.h" + forged));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            // a long value only over MQTT: over HTTP the schema bounds every text field
            MqttPublish.once(bridge.mqttUrl(), "plant/line1/CNC-03/spindle-temp", "{\"sensorId\":\"cnc03-spindle-temp\","
                    + "\"machineId\":\"CNC-03\",\"value\":\"" + forged + "x".repeat(1000) + "\",\"unit\":\"Cel\",\"ts\":\""
                    + java.time.Instant.now() + "\"}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("press07-energy"))
                    && lines.stream().anyMatch(l -> l.contains("cnc03-spindle-temp")));
            assertThat(lines).allSatisfy(line -> {
                assertThat(line).doesNotContain("\r", "\n", "\u001b");
                assertThat(line.length()).isLessThan(1000);
            });
        } finally {
            rejected.removeAppender(capture);
        }
    }

    @Test
    void eachClientOfTheSapFacadeIsHeldToItsRate() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(post("/api/v1/erp/sap-b1/service-calls", "{}"));
        }
        HttpResponse<String> throttled = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertProblem(throttled, 429);
        assertThat(answers).anyMatch(a -> a.statusCode() == 400);
    }

    @Test
    void theOpenApiDescriptionDeclaresTheSecuritySchemes() throws Exception {
        JsonNode api = bridge.getJson("/openapi.json");
        assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(api.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(api.path("security").toString()).contains("bearer");
    }

    @Test
    void corsIsOffUnlessConfigured() throws Exception {
        HttpResponse<String> get = send(bridge.request("/api/v1/sensors").header("Origin", "http://evil.example").GET());
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send(bridge.request("/api/v1/readings").header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private record Asked(String what, int status, HttpResponse<String> answer) {
    }

    @Test
    void anUnknownPathOrAMethodOrContentTypeAPathDoesNotTakeOrAnOversizedBodyIsAProblemToo() throws Exception {
        List<Asked> asked = List.of(
                new Asked("GET /api/v1/no-such", 404, send(bridge.request("/api/v1/no-such").GET())),
                new Asked("GET /no-such", 404, send(bridge.request("/no-such").GET())),
                new Asked("DELETE /api/v1/sensors", 405, send(bridge.request("/api/v1/sensors").DELETE())),
                new Asked("PUT /api/v1/readings", 405, send(bridge.request("/api/v1/readings")
                        .PUT(HttpRequest.BodyPublishers.ofString("{}")))),
                new Asked("POST /api/v1/readings as text/plain", 415, send(bridge.request("/api/v1/readings")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")))),
                new Asked("GET /observe/no-such", 404, bridge.management("/observe/no-such")),
                new Asked("POST /api/v1/readings of 5 MiB", 413, post("/api/v1/readings",
                        "[" + reading("press07-energy", "kW.h") + "," + " ".repeat(5 << 20) + "]")));
        for (Asked a : asked) {
            assertThat(a.answer().statusCode()).as(a.what()).isEqualTo(a.status());
            assertThat(assertProblem(a.answer(), a.status()).path("detail").asText()).as(a.what()).doesNotContain("no-such");
        }
    }

    private static JsonNode assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    private static String reading(String sensorId, String unit) {
        return "{\"sensorId\":\"" + sensorId + "\",\"machineId\":\"PRESS-07\",\"value\":1.5,\"unit\":\"" + unit
                + "\",\"ts\":\"" + java.time.Instant.now() + "\",\"seq\":1}";
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return send(bridge.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
