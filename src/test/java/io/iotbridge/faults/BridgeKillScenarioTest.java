package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.FreePorts;
import io.iotbridge.erp.sapb1.DefaultDiServerLogin;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2 and graceful shutdown: a bridge process ended mid-stream by SIGKILL or SIGTERM,
 * then started again on the same state directory (as a service restart does); the machine's
 * RabbitMQ keeps the readings meanwhile, and one SAP B1 sandbox of this test outlives both
 * processes. The open windows and the outbox the first left on disk are the second's to send. Readings go straight to iot.readings, so the
 * stream continues while no bridge runs (the MQTT source loses what is published then:
 * docs/operator.md, "MQTT sessions").
 */
class BridgeKillScenarioTest {

    private static final long WINDOW = 2_000;

    @TempDir
    Path temp;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private SandboxRecorder erp;
    private SapB1Sandbox sapB1;

    @BeforeEach
    void start() throws Exception {
        ExternalBrokersTest.requireBroker("RabbitMQ", 5672);
        ExternalBrokersTest.purgeQueuesOfEarlierRuns();
        erp = new SandboxRecorder();
        sapB1 = new SapB1Sandbox("http://127.0.0.1:" + FreePorts.next() + "/sap-b1/DIServer",
                erp, DefaultDiServerLogin.of());
        sapB1.start();
    }

    @AfterEach
    void stop() {
        if (sapB1 != null) {
            sapB1.close();
        }
    }

    @Test
    void aBridgeKilledMidStreamBooksEverythingOnceAfterItsRestart() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("2. bridge killed",
                "bridge process sent SIGKILL 300 ms into a meter window, started again 3 s later on its state directory", "exchange iot.readings");
        stream(ledger, first -> first.kill());
    }

    @Test
    void aBridgeTerminatedMidStreamBooksEverythingOnceAfterItsRestart() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("8. graceful shutdown (SIGTERM)",
                "bridge process sent SIGTERM 300 ms into a meter window, started again 3 s later on its state directory", "exchange iot.readings");
        stream(ledger, first -> assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143));
    }

    @FunctionalInterface
    private interface Ending {
        void end(BridgeJvm bridge) throws Exception;
    }

    private void stream(DeliveryLedger ledger, Ending ending) throws Exception {
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        List<String> sensors = List.of("faults-a-" + run, "faults-b-" + run);
        try (ReadingFeed feed = ReadingFeed.toExchange(ExternalBrokersTest.RABBITMQ, "sap-b1", "FAULT-KILL", sensors, ledger);
             BridgeJvm first = bridge("first", routes).start()) {
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(ledger, null).delivered() > 0);
            // into the next window: the previous one is then in its grace, open in the state store
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> System.currentTimeMillis() % WINDOW >= 300 && System.currentTimeMillis() % WINDOW < 400);
            ending.end(first);
            int atEnd = ledger.sentIds().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.sentIds().size() >= atEnd + 60);
            try (BridgeJvm second = bridge("second", routes).start()) {
                int atStart = ledger.sentIds().size();
                await().atMost(Duration.ofSeconds(20)).until(() -> ledger.sentIds().size() >= atStart + 40);
                feed.stop();
                DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(ledger, second), Duration.ofSeconds(45)));
                assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
            }
        }
    }

    private DeliveryLedger.Tally tally(DeliveryLedger ledger, BridgeJvm bridge) throws Exception {
        return ledger.tally(DeliveryLedger.bookings(erp.documents("sap-b1")),
                bridge == null ? List.of() : bridge.deadLetterIds("sap-b1"));
    }

    private BridgeJvm bridge(String name, Path routes) throws Exception {
        return new BridgeJvm(name + "-" + run)
                .with("bridge.embedded", "false")
                .with("bridge.sandbox.enabled", "false")
                .with("bridge.rabbitmq.url", ExternalBrokersTest.RABBITMQ)
                .with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                .with("bridge.routes.dir", routes.toString())
                .with("bridge.erp.sap-b1.url", sapB1.address())
                .with("bridge.erp.dynamics365.enabled", "false")
                .with("bridge.erp.infor.enabled", "false")
                .with("bridge.retry.max-delay", "2000")
                .with("bridge.state-dir", temp.resolve("state").toString());
    }
}
