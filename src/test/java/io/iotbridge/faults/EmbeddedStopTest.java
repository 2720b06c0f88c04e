package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The embedded default stopped as an operator stops it (SIGTERM) while readings flow: its in-process
 * broker outlives the routes, so nothing in flight fails, no ERROR is logged and nothing is forced.
 * Its log is the default format, plain text (LogFormatTest has the JSON one), without the secret.
 */
class EmbeddedStopTest {

    private static final String SECRET = "embedded-stop-secret-" + java.util.UUID.randomUUID();

    @Test
    void sigtermWhileReadingsFlowStopsWithoutAnErrorOrAForcedStop() throws Exception {
        try (BridgeJvm bridge = new BridgeJvm("embedded-stop")
                .with("bridge.embedded.amqp.port", String.valueOf(FreePorts.next()))
                .with("bridge.embedded.mqtt.port", String.valueOf(FreePorts.next()))
                .with("bridge.embedded.opcua.port", String.valueOf(FreePorts.next()))
                // used at every DI Server login (sandbox and module alike); in production only from here
                .environment("BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD", SECRET)) {
            bridge.start();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest documents = HttpRequest.newBuilder(URI.create(bridge.api() + "/sandbox/sap-b1/documents"))
                    .header("Authorization", "Bearer " + BridgeHarness.API_KEY).build();
            Awaitility.await("a first SAP B1 document").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.send(documents, HttpResponse.BodyHandlers.ofString()).body().contains("\"kind\""));
            long logged = Files.readAllLines(bridge.log()).size();

            bridge.terminate();

            List<String> afterSigterm = Files.readAllLines(bridge.log()).stream().skip(logged).toList();
            assertThat(afterSigterm).as("log after SIGTERM, see " + bridge.log())
                    .anySatisfy(line -> assertThat(line).contains("shutdown in"))
                    .noneSatisfy(line -> assertThat(line).contains(" ERROR "))
                    .noneSatisfy(line -> assertThat(line).containsIgnoringCase("forced"));
            List<String> lines = Files.readAllLines(bridge.log());
            assertThat(lines).as("plain text, the default format").allSatisfy(l -> assertThat(l).doesNotStartWith("{"))
                    .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+\\] \\S+ - .*shutdown in.*"));
            assertThat(String.join("\n", lines)).doesNotContain(SECRET, BridgeHarness.API_KEY);
        }
    }
}
