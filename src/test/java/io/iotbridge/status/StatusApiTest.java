package io.iotbridge.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.health.CountersAtZero;
import io.iotbridge.reading.ReadingRejectedException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/status and /api/v1/status/sensors on the embedded default: connectors, per-ERP
 * figures, refused readings, the sensor table's states, search and paging, and the counters an
 * alert needs present at 0 from the start.
 */
class StatusApiTest {

    /** The catalogue's HTTP device (routes/sensors/line1-http.camel.yaml): the test decides what it sends. */
    private static final String HTTP_SENSOR = "press07-energy";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());
    private static BridgeHarness bridge;
    private static String metricsAtStart;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().start();
        metricsAtStart = bridge.management("/observe/metrics").body();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void everyRejectionReasonAndDeliveryFailureClassIsASeriesFromTheStart() {
        for (String reason : ReadingRejectedException.REASONS) {
            assertThat(metricsAtStart).as(reason)
                    .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"" + reason + "\"[^}]*} ");
        }
        for (String erp : List.of("sap-b1", "dynamics365", "infor")) {
            for (String failure : CountersAtZero.FAILURE_CLASSES) {
                assertThat(metricsAtStart).as(erp + " " + failure).containsPattern(
                        "iotbridge_erp_delivery_failures_total\\{[^}]*class=\"" + failure + "\"[^}]*erp=\"" + erp + "\"[^}]*} 0\\.0");
            }
        }
    }

    @Test
    void aRefusedReadingCountsOnTheSeriesThatWasAtZeroAndMarksItsSensor() throws Exception {
        // a reading in the wrong unit: refused at ingest as unit-mismatch, alone
        assertThat(bridge.postJson("/readings", reading(1.0, "Hz")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode sensor = sensor(HTTP_SENSOR);
            assertThat(sensor.path("state").asText()).isEqualTo("REFUSED");
            assertThat(sensor.path("reason").asText()).contains("unit-mismatch");
        });
        String metrics = bridge.management("/observe/metrics").body();
        List<String> series = lines(metrics, "iotbridge_readings_rejected_total\\{[^}]*reason=\"unit-mismatch\"[^}]*} ([0-9.]+)");
        // one series (the one made at start, which the route's counter then counts on), no longer 0
        assertThat(series).hasSize(1);
        assertThat(Double.parseDouble(series.get(0))).isGreaterThanOrEqualTo(1.0);
        assertThat(bridge.getJson("/status").path("refused").path("unit-mismatch").asDouble()).isGreaterThanOrEqualTo(1.0);

        // a good reading afterwards: the sensor is well again and shows its value
        assertThat(bridge.postJson("/readings", reading(1234.5, "kW.h")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode sensor = sensor(HTTP_SENSOR);
            assertThat(sensor.path("state").asText()).isEqualTo("OK");
            assertThat(sensor.path("last").path("value").asDouble()).isEqualTo(1234.5);
            assertThat(sensor.path("last").path("unit").asText()).isEqualTo("kW.h");
            assertThat(sensor.path("last").path("quality").asText()).isEqualTo("GOOD");
        });
    }

    @Test
    void theStatusNamesEveryConnectorAndWhatEachErpBooked() throws Exception {
        // ignoreExceptions: until the first acceptance, lastAccepted is empty and Instant.parse throws
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            JsonNode status = bridge.getJson("/status");
            List<String> connectors = new ArrayList<>();
            status.path("connectors").forEach(c -> connectors.add(c.path("kind").asText() + ":" + c.path("state").asText()));
            assertThat(connectors).contains("opcua:UP", "mqtt:UP", "rabbitmq:UP", "erp:UP");
            JsonNode sap = erp(status, "sap-b1");
            assertThat(sap.path("breaker").asText()).isEqualTo("CLOSED");
            assertThat(sap.path("delivered").path("meter").asDouble()).isPositive();
            assertThat(Instant.parse(sap.path("lastAccepted").asText())).isAfter(Instant.parse(status.path("started").asText()));
            assertThat(sap.path("queued").isNumber()).isTrue();
            assertThat(sap.path("deadLetters").asLong()).isZero();
            assertThat(status.path("received").path("opcua").asDouble()).isPositive();
            assertThat(status.path("catalogue").path("entries").asInt()).isPositive();
        });
        // the broker's user and password never appear, only where it is
        assertThat(bridge.api("GET", "/status").body()).doesNotContain("guest");
    }

    @Test
    void theSensorTableIsSearchedAndPagedOnTheServer() throws Exception {
        int entries = bridge.getJson("/sensors").size();
        JsonNode all = bridge.getJson("/status/sensors?limit=500");
        assertThat(all.path("total").asInt()).isEqualTo(entries);

        JsonNode page = bridge.getJson("/status/sensors?limit=2&offset=1");
        assertThat(page.path("sensors")).hasSize(2);
        assertThat(page.path("sensors").get(0).path("sensorId").asText()).isEqualTo(all.path("sensors").get(1).path("sensorId").asText());

        JsonNode found = bridge.getJson("/status/sensors?search=PRESS07-VIB");
        assertThat(found.path("total").asInt()).isEqualTo(1);
        assertThat(found.path("sensors").get(0).path("sensorId").asText()).isEqualTo("press07-vib");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode vib = sensor("press07-vib");
            assertThat(vib.path("state").asText()).isEqualTo("OK");
            assertThat(vib.path("last").path("value").isNumber()).isTrue();
            assertThat(vib.path("taken").asLong()).isPositive();
        });
    }

    @Test
    void thePageIsServedAndTheStatusNamesTheManagementPort() throws Exception {
        // bounded: one CI run waited on this answer for minutes (not reproduced); a failure says so instead
        HttpResponse<String> page = HttpClient.newHttpClient().send(bridge.request("/").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>iot-erp-bridge status</title>");
        JsonNode status = bridge.getJson("/status");
        assertThat(status.path("managementPort").asInt()).isEqualTo(Integer.parseInt(bridge.property("camel.management.port")));
        assertThat(status.path("sandbox").asBoolean()).isTrue();
    }

    private static JsonNode sensor(String sensorId) throws Exception {
        for (JsonNode s : bridge.getJson("/status/sensors?search=" + sensorId).path("sensors")) {
            if (s.path("sensorId").asText().equals(sensorId)) {
                return s;
            }
        }
        throw new AssertionError("no sensor " + sensorId + " in the status table");
    }

    private static JsonNode erp(JsonNode status, String name) {
        for (JsonNode e : status.path("erps")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no ERP " + name + " in " + status);
    }

    private static List<String> lines(String text, String regex) {
        List<String> values = new ArrayList<>();
        var matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static String reading(double value, String unit) {
        return """
                {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"%s","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(HTTP_SENSOR, value, unit, Instant.now(), SEQ.incrementAndGet());
    }
}
