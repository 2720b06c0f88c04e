package io.iotbridge.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.faults.ScenarioRoutes;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trend-to-threshold warnings end to end: readings POSTed over HTTP (with their own times, one
 * second apart) pass the embedded broker to each ERP module, whose sandbox records the
 * maintenance documents. Entries: above 79 Cel, hysteresis 2; the rising ones predictLead 60s over
 * predictWindow 2m, the flat ones a long lead over a short window (10m over 1m), which noise tempts most.
 */
class PredictedAlertTest {

    private static final List<String> ERPS = List.of("sap-b1", "dynamics365", "infor");
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        Path routes = ScenarioRoutes.copy(Files.createTempDirectory("predicted-alert").resolve("routes"));
        for (String erp : ERPS) {
            entry(routes, sensor("rise", erp), erp, "60s", "2m");
            entry(routes, sensor("flat", erp), erp, "10m", "1m");
        }
        entry(routes, sensor("refused", "sap-b1"), "sap-b1", "60s", "2m");
        bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aRisingTemperatureWarnsOnceAheadOfTheThresholdAndAlertsAtTheCrossing() throws Exception {
        // 60 + 0.1 Cel/s from t0: reaches 79 at t0 + 190 s, so within the 60 s lead from t0 + 130 s;
        // the first reading above 79 is t0 + 191 s
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        for (String erp : ERPS) {
            post(sensor("rise", erp), t0, 220, t -> 60 + 0.1 * t);
        }

        for (String erp : ERPS) {
            String sensor = sensor("rise", erp);
            await(erp + " documents").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> alerts(erp, sensor).size() >= 2);
            List<JsonNode> alerts = alerts(erp, sensor);
            assertThat(alerts).as(erp).hasSize(2);
            JsonNode warning = alerts.stream().filter(d -> carries(d, id(sensor, t0, 130))).findFirst().orElseThrow();
            assertThat(warning.get("body").asText()).as(erp + " predicted")
                    .contains(AlertEvent.PREDICTED + sensor + " above 79 Cel on PRESS-07 at " + t0.plusSeconds(190)
                            + " (in 60 s): 73 Cel at " + t0.plusSeconds(130));
            JsonNode real = alerts.stream().filter(d -> carries(d, id(sensor, t0, 191))).findFirst().orElseThrow();
            assertThat(real.get("body").asText()).as(erp + " real")
                    .contains(sensor + " above 79 Cel on PRESS-07: 79.1 Cel at " + t0.plusSeconds(191))
                    .doesNotContain(AlertEvent.PREDICTED);
            assertThat(Instant.parse(warning.get("receivedAt").asText()))
                    .isBeforeOrEqualTo(Instant.parse(real.get("receivedAt").asText()));
        }
    }

    @Test
    void aNoisyFlatTemperatureNearTheThresholdRaisesNothing() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1_800);
        Random noise = new Random(17);
        for (String erp : ERPS) {
            // 78 ± 0.9 Cel for 20 minutes, then one reading over 79: its alert shows the queue got that far
            post(sensor("flat", erp), t0, 1_200, t -> t == 1_200 ? 85 : 78 + noise.nextDouble() * 1.8 - 0.9);
        }

        for (String erp : ERPS) {
            String sensor = sensor("flat", erp);
            await(erp + " the closing alert").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !alerts(erp, sensor).isEmpty());
            assertThat(alerts(erp, sensor)).as(erp).singleElement()
                    .satisfies(d -> assertThat(d.get("readingIds").get(0).asText()).isEqualTo(id(sensor, t0, 1_200)));
        }
    }

    @Test
    void aRefusedWarningReplayedFromTheDeadLettersIsFiledAsTheSameWarning() throws Exception {
        String sensor = sensor("refused", "sap-b1");
        String cause = "Equipment card PRESS-07 is locked by another user (" + UUID.randomUUID() + ")";
        bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class).rejectNext(1, cause, "alert");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(900);
        // stops short of the crossing: the warning is the only document
        post(sensor, t0, 150, t -> 60 + 0.1 * t);
        String warned = id(sensor, t0, 130);

        await("the warning dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> deadLetters().stream().anyMatch(d -> d.get("id").asText().equals(warned)
                        && d.get("reason").asText().contains(cause)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                bridge.api("POST", "/dead-letters/" + warned + "/replay").statusCode() == 202);

        await("the replayed warning booked").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> !alerts("sap-b1", sensor).isEmpty());
        assertThat(alerts("sap-b1", sensor)).singleElement().satisfies(d -> {
            assertThat(d.get("readingIds").get(0).asText()).isEqualTo(warned);
            assertThat(d.get("body").asText()).contains(AlertEvent.PREDICTED + sensor + " above 79 Cel on PRESS-07 at "
                    + t0.plusSeconds(190) + " (in 60 s)", "<U_IotKey>alert:" + warned + "<");
        });
    }

    private static List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(bridge.api("GET", "/dead-letters").body()).forEach(list::add);
        return list;
    }

    private static String sensor(String series, String erp) {
        return "trend-" + series + "-" + erp;
    }

    private static String id(String sensor, Instant t0, int second) {
        return sensor + ":" + t0.plusSeconds(second).toEpochMilli() + ":0";
    }

    private static boolean carries(JsonNode document, String readingId) {
        return document.get("readingIds").toString().contains("\"" + readingId + "\"");
    }

    /** The sensor's readings t0 .. t0 + {@code seconds}, one a second, in one request. */
    private static void post(String sensor, Instant t0, int seconds, IntToDoubleFunction value) throws Exception {
        StringJoiner readings = new StringJoiner(",", "[", "]");
        for (int t = 0; t <= seconds; t++) {
            readings.add("""
                    {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"Cel","ts":"%s","quality":"GOOD","seq":0}"""
                    .formatted(sensor, Math.round(value.applyAsDouble(t) * 1000) / 1000.0, t0.plusSeconds(t)));
        }
        int status = bridge.postJson("/readings", readings.toString()).statusCode();
        assertThat(status).as("POST of " + sensor + "'s readings").isEqualTo(202);
    }

    private static List<JsonNode> alerts(String erp, String sensor) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode d : bridge.sandboxDocuments(erp)) {
            if (d.get("kind").asText().equals("alert") && d.get("readingIds").get(0).asText().startsWith(sensor + ":")) {
                alerts.add(d);
            }
        }
        return alerts;
    }

    private static void entry(Path routes, String sensor, String erp, String lead, String window) throws Exception {
        Files.writeString(routes.resolve("sensors").resolve(sensor + ".camel.yaml"), """
                - route:
                    id: http-trend-%1$s
                    description: a temperature whose trend warns before it crosses 79 Cel
                    from:
                      uri: kamelet:http-sensor-source
                      parameters:
                        sensorId: %1$s
                        machineId: PRESS-07
                        unit: "Cel"
                      steps:
                        - to:
                            uri: kamelet:reading-buffer-sink
                            parameters:
                              erp: %2$s
                              kind: alert
                              field: oil-temperature
                              fieldUnit: "Cel"
                              alertAbove: "79"
                              hysteresis: "2"
                              predictLead: %3$s
                              predictWindow: %4$s
                """.formatted(sensor, erp, lead, window));
    }
}
