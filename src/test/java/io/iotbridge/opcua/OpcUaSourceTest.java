package io.iotbridge.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OPC UA source against a Milo server the test owns: a node with a Bad status code arrives
 * flagged BAD (kept, not dropped), and after the server is stopped and started again the
 * readings resume without restarting the bridge.
 */
class OpcUaSourceTest {

    private static final String SENSOR = "press07-vib";
    private static int port;
    private static LineSimulator line;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        line = new LineSimulator(port);
        line.start();
        bridge = new BridgeHarness().with("bridge.opcua.line1.url", line.endpointUrl()).withoutMqtt().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (line != null) {
            line.close();
        }
    }

    @Test
    void aNodeWithABadStatusArrivesFlaggedBad() throws Exception {
        awaitDocumentAfter(Instant.now(), "GOOD");
        line.setBad(LineSimulator.nodeId("PRESS-07", LineSignal.VIBRATION));
        try {
            // the window holding the change may have started a moment before it
            JsonNode bad = awaitDocumentAfter(Instant.now().minusSeconds(2), "BAD");
            assertThat(bad.get("readingIds")).isNotEmpty();
        } finally {
            line.resume(LineSimulator.nodeId("PRESS-07", LineSignal.VIBRATION));
        }
    }

    @Test
    void readingsResumeAfterTheServerRestartsWithOneLogLinePerStateChangeAndNoStackTrace() throws Exception {
        awaitDocumentAfter(Instant.now(), "GOOD");
        String server = "localhost:" + port;
        try (LoggedLines log = LoggedLines.capture()) {
            line.close();
            Instant down = Instant.now();
            line = new LineSimulator(port);
            line.start();
            // a window that starts after the restart can only hold readings taken after it
            awaitDocumentAfter(down.plusSeconds(2), "GOOD");

            assertThat(log.linesWithCauses()).as("an OPC UA server away is expected: nothing logged with a stack trace")
                    .noneSatisfy(l -> assertThat(l).contains("\n  caused by "));
            assertThat(log.containing(server)).as("one line per state change, none repeated").doesNotHaveDuplicates();
        }
    }

    /** Waits for a SAP B1 meter document of the sensor whose window starts after {@code after}. */
    private static JsonNode awaitDocumentAfter(Instant after, String quality) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            List<JsonNode> documents = bridge.sandboxDocuments("sap-b1");
            for (JsonNode d : documents) {
                String body = d.get("body").asText();
                String key = d.get("key").asText();
                if (key.startsWith(SENSOR + "@")
                        && Long.parseLong(key.substring(SENSOR.length() + 1).split("\\.")[0]) > after.toEpochMilli()
                        && body.contains("<U_Quality>" + quality + "</U_Quality>")) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
