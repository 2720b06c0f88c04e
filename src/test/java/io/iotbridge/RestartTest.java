package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.erp.sapb1.DefaultDiServerLogin;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bridge stopped mid-stream and started again on the same state directory loses and doubles
 * nothing: readings of windows still open at the stop are in its state store (acknowledged once
 * stored), readings it had not yet stored were never acknowledged and come back from the machine's
 * RabbitMQ, and the next bridge books them all. Both bridges deliver to one SAP B1 sandbox the test
 * owns (the ERP outlives the bridge); skipped without the machine's brokers, failed in CI.
 */
class RestartTest {

    private static final String SENSOR = "press07-temp";
    private static final long WINDOW = 2_000;
    private static final String CLIENT_ID = "iot-erp-bridge-restart-test-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    private static LineSimulator line;
    private static SandboxRecorder erp;
    private static SapB1Sandbox sapB1;
    private static Path stateDir;

    @BeforeAll
    static void start() throws Exception {
        ExternalBrokersTest.requireBroker("RabbitMQ", 5672);
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        ExternalBrokersTest.purgeQueuesOfEarlierRuns();
        stateDir = Files.createTempDirectory("iot-erp-bridge-restart-test");
        line = new LineSimulator(FreePorts.next());
        line.start();
        erp = new SandboxRecorder();
        sapB1 = new SapB1Sandbox("http://127.0.0.1:" + FreePorts.next() + "/sap-b1/DIServer",
                erp, DefaultDiServerLogin.of());
        sapB1.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sapB1 != null) {
            sapB1.close();
        }
        if (line != null) {
            line.close();
        }
    }

    @Test
    void windowsOpenAtAStopAreBookedOnceByTheNextBridge() throws Exception {
        Instant stopped;
        try (BridgeHarness first = bridge().start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> windows().size() >= 2);
            // stop just after a window boundary: the previous window is then still within its
            // grace (500 ms in tests), i.e. open, its readings taken but not yet acknowledged
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> System.currentTimeMillis() % WINDOW >= 100 && System.currentTimeMillis() % WINDOW < 250);
            stopped = Instant.now();
        }
        long previous = stopped.toEpochMilli() / WINDOW * WINDOW - WINDOW;
        try (BridgeHarness second = bridge().start()) {
            // every reading of that window was taken by the first bridge; none may be lost
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(windows()).contains(previous));
        }
        List<String> ids = erp.documents("sap-b1").stream().filter(d -> d.key().startsWith(SENSOR + "@"))
                .flatMap(d -> d.readingIds().stream()).toList();
        assertThat(ids).as("no reading booked twice across the restart").doesNotHaveDuplicates();
        assertThat(ids).as("the readings of the window open at the stop").anySatisfy(id ->
                assertThat(Long.parseLong(id.split(":")[1])).isBetween(previous, previous + WINDOW - 1));
    }

    private static BridgeHarness bridge() throws Exception {
        return new BridgeHarness()
                .with("bridge.embedded", "false")
                // the bridge's state is part of it: the next start takes over what the last one stored
                .with("bridge.state-dir", stateDir.toString())
                .with("bridge.sandbox.enabled", "true")
                .with("bridge.rabbitmq.url", ExternalBrokersTest.RABBITMQ)
                .with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                // a session of this run only: one left on the broker by another run floods the start
                .with("bridge.mqtt.client-id", CLIENT_ID)
                .with("bridge.opcua.line1.url", line.endpointUrl())
                .with("bridge.erp.sap-b1.url", sapB1.address());
    }

    private static List<Long> windows() {
        return erp.documents("sap-b1").stream().map(SandboxRecord::key).filter(k -> k.startsWith(SENSOR + "@"))
                .map(k -> Long.parseLong(k.substring(SENSOR.length() + 1).split("\\.")[0])).distinct().sorted().toList();
    }
}
