package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default with its historian on (as the jar runs with no configuration): an embedded
 * real PostgreSQL, no service; a reading posted comes back from GET /api/v1/historian/readings,
 * and the line simulator's readings are stored too.
 */
class EmbeddedHistorianTest {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness()
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.batch-interval", "200")
                .withoutMqtt()
                .start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aPostedReadingComesBackFromTheHistorianApi() throws Exception {
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(bridge.postJson("/readings", HistorianTest.reading(4242.5, ts, 7)).statusCode()).isEqualTo(202);
        String query = "/historian/readings?sensorId=press07-energy&from=" + enc(ts.toString()) + "&to="
                + enc(ts.plusMillis(1).toString());

        Awaitility.await("the reading from the embedded PostgreSQL").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> bridge.getJson(query).size() == 1);
        JsonNode row = bridge.getJson(query).get(0);
        assertThat(row.path("readingId").asText()).isEqualTo("press07-energy:" + ts.toEpochMilli() + ":7");
        assertThat(row.path("value").asDouble()).isEqualTo(4242.5);
        assertThat(row.path("machineId").asText()).isEqualTo("PRESS-07");
        assertThat(row.path("unit").asText()).isEqualTo("kW.h");
    }

    @Test
    void theLineSimulatorsReadingsAreStored() {
        // press07-temp is an OPC UA node of the embedded line simulator, read once a second
        Awaitility.await("simulated readings in the historian").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> bridge.getJson("/historian/readings?sensorId=press07-temp&limit=5").size() > 0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
