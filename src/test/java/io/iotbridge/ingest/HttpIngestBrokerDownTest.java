package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/readings while the bridge cannot reach its broker: the answer is 503 at once
 * (the client's request is not held by the retries other sources get), nothing is acknowledged,
 * and the same request sent again once the broker is back is accepted and booked.
 */
class HttpIngestBrokerDownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whileTheBrokerIsUnreachableTheAnswerIs503AndTheResentRequestIsBookedAfterwards() throws Exception {
        BridgeHarness harness = new BridgeHarness().withoutMqtt();
        int brokerPort = Integer.parseInt(harness.property("bridge.embedded.amqp.port"));
        try (TcpProxy proxy = new TcpProxy(FreePorts.next(), brokerPort).restore();
             BridgeHarness bridge = harness.with("bridge.rabbitmq.url", "amqp://guest:guest@localhost:" + proxy.port()).start()) {
            String reading = """
                    {"sensorId":"press07-energy","machineId":"PRESS-07","value":42.0,"unit":"kW.h","ts":"%s","seq":7}"""
                    .formatted(Instant.now());
            String id = "press07-energy:" + Instant.parse(JSON.readTree(reading).get("ts").asText()).toEpochMilli() + ":7";

            proxy.cut();
            HttpResponse<String> refused = post(bridge, reading);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("nothing is acknowledged");

            proxy.restore();
            HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> post(bridge, reading), r -> r.statusCode() == 202);
            assertThat(JSON.readTree(accepted.body()).get("results").get(0).get("id").asText()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(bridge.sandboxDocuments("sap-b1")).anySatisfy(d ->
                            assertThat(d.get("readingIds").toString()).contains(id)));
        }
    }

    private static HttpResponse<String> post(BridgeHarness bridge, String body) throws Exception {
        // a request held by endless retries would time out here and fail the test
        return HttpClient.newHttpClient().send(bridge.request("/api/v1/readings")
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
