package io.iotbridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's SAP B1 gateway stops answering (the calls hang, within the module's
 * timeout): the readings taken from
 * erp.sap-b1 wait and none is settled, so readiness goes DOWN naming the stage after
 * bridge.health.stall-after, with its backlog as a gauge; once the gateway answers again the
 * stage moves and readiness comes back UP. A REST request waiting for that ERP stalls the stage
 * http likewise.
 */
class StallHealthTest {

    private static final String CHECK = "stage:erp.sap-b1";
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        // windows of 2 s with 0.5 s grace: a healthy stage settles readings at least every 2.5 s
        bridge = new BridgeHarness().with("bridge.health.stall-after", "5s")
                .with("bridge.erp.sap-b1.timeout", "300s").withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            sandbox().release();
            bridge.close();
        }
    }

    @Test
    void readinessGoesDownNamingAStalledStageAndUpOnceItMovesAgain() throws Exception {
        await("the stage settles readings").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "UP".equals(bridge.healthOf(CHECK)));

        sandbox().hang();
        await("stalled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "DOWN".equals(bridge.healthOf(CHECK)));
        assertThat(bridge.healthMessageOf(CHECK)).contains("erp.sap-b1 is stalled", "bridge.health.stall-after");
        assertThat(bridge.management("/observe/health/ready").statusCode()).isEqualTo(503);
        // the senders hang, not the consumer: readings are still taken from the queue meanwhile
        // (a closed window sent by the thread that closed it held the aggregator's lock instead)
        double taken = backlog();
        await("readings still taken in").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> backlog() >= taken + 10);
        assertThat(bridge.management("/observe/metrics").body())
                .containsPattern("iotbridge_stage_backlog\\{[^}]*stage=\"erp.sap-b1\"[^}]*} [1-9]")
                .containsPattern("iotbridge_stage_oldest_seconds\\{[^}]*stage=\"erp.sap-b1\"[^}]*} [1-9]");

        sandbox().release();
        await("moving again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "UP".equals(bridge.healthOf(CHECK)));
    }

    @Test
    void aRequestWaitingForAnErpThatDoesNotAnswerStallsTheHttpStage() throws Exception {
        await("requests answered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> bridge.api("GET", "/sensors").statusCode() == 200 && "UP".equals(bridge.healthOf("stage:http")));
        sandbox().hang();
        CompletableFuture<HttpResponse<String>> lookup = HttpClient.newHttpClient().sendAsync(
                bridge.request("/api/v1/erp/sap-b1/production-orders/PRESS-07").build(), HttpResponse.BodyHandlers.ofString());
        await("stalled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "DOWN".equals(bridge.healthOf("stage:http")));
        assertThat(bridge.healthMessageOf("stage:http")).contains("http is stalled: 1 waiting");

        sandbox().release();
        assertThat(lookup.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await("moving again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "UP".equals(bridge.healthOf("stage:http")));
    }

    private static double backlog() throws Exception {
        return bridge.management("/observe/metrics").body().lines()
                .filter(l -> l.startsWith("iotbridge_stage_backlog{") && l.contains("stage=\"erp.sap-b1\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static SapB1Sandbox sandbox() {
        return bridge.context().getRegistry().findSingleByType(SapB1Sandbox.class);
    }
}
