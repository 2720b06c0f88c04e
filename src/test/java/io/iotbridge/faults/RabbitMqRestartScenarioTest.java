package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1: RabbitMQ stopped and started again while a device publishes. The broker is a
 * private RabbitMQ node of this test (the machine's service is never touched); readings come over
 * the machine's Mosquitto as a device sends them, so both halves meet the outage: publishing
 * (retried until the broker confirms) and consuming (unacknowledged readings redelivered).
 */
class RabbitMqRestartScenarioTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SENSOR = "faults-rmq-" + RUN;

    @TempDir
    Path temp;

    /*
     * The case this guards: readings taken into their windows whose acknowledgements fail on the
     * closed channel are delivered again after the restart, among later readings of the same
     * windows. Each copy must count once (the windows' reading ids) and no later reading may be
     * taken for a replay (once, a document carrying a booked key lost 4-6 readings a run).
     */
    @Test
    void readingsPublishedAcrossABrokerRestartAreBookedOnce() throws Exception {
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        String topic = "faults/" + RUN + "/temperature";
        ScenarioRoutes.mqttSensor(routes, SENSOR, "FAULT-RMQ", topic, "sap-b1");
        DeliveryLedger ledger = new DeliveryLedger("1. RabbitMQ restart",
                "private RabbitMQ node stopped (rabbitmqctl stop) for 5 s mid-stream, then started", "MQTT");

        try (PrivateRabbitMq rabbit = new PrivateRabbitMq().start();
             BridgeHarness bridge = new BridgeHarness()
                     .with("bridge.embedded", "false")
                     .with("bridge.sandbox.enabled", "true")
                     .with("bridge.rabbitmq.url", rabbit.url())
                     .with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                     .with("bridge.mqtt.client-id", "faults-" + RUN)
                     .with("bridge.routes.dir", routes.toString())
                     .with("bridge.retry.max-delay", "2000")
                     .start();
             ReadingFeed feed = ReadingFeed.toMqtt(ExternalBrokersTest.MOSQUITTO, topic, "FAULT-RMQ", SENSOR, ledger)) {
            awaitAllRoutesStarted(bridge.context());
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> booked(bridge, ledger).delivered() > 0);

            rabbit.stop();
            int atStop = ledger.sentIds().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.sentIds().size() >= atStop + 50);
            rabbit.start();
            int atStart = ledger.sentIds().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.sentIds().size() >= atStart + 30);
            feed.stop();

            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> booked(bridge, ledger), Duration.ofSeconds(60)));
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
        }
    }

    private static DeliveryLedger.Tally booked(BridgeHarness bridge, DeliveryLedger ledger) throws Exception {
        return ledger.tally(DeliveryLedger.bookingsOf(bridge.sandboxDocuments("sap-b1")),
                DeliveryLedger.deadLetterIds(bridge.getJson("/dead-letters?limit=1000"), "sap-b1"));
    }

    /** The sensor's MQTT subscription exists once its routes run; a reading sent earlier would not count. */
    static void awaitAllRoutesStarted(CamelContext context) {
        await("all routes started").atMost(Duration.ofSeconds(60)).until(() -> context.getRoutes().stream()
                .allMatch(r -> context.getRouteController().getRouteStatus(r.getRouteId()).isStarted()));
    }
}
