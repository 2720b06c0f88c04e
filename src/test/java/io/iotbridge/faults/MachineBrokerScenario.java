package io.iotbridge.faults;

import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ERP scenarios share: the machine's RabbitMQ (skipped without it, its queues emptied
 * first), a route folder without sensors, and an in-JVM bridge with its own sandboxes, so a
 * scenario reaches them through the registry and GET /api/v1/sandbox/{erp}/documents. Infor is
 * off (no scenario uses it) and retries wait at most 2 s.
 */
abstract class MachineBrokerScenario {

    @TempDir
    Path temp;
    /** Makes this run's sensor ids unique. */
    final String run = UUID.randomUUID().toString().substring(0, 8);
    Path routes;

    @BeforeEach
    void prepare() throws Exception {
        ExternalBrokersTest.requireBroker("RabbitMQ", 5672);
        ExternalBrokersTest.purgeQueuesOfEarlierRuns();
        routes = ScenarioRoutes.copy(temp.resolve("routes"));
    }

    BridgeHarness configure() throws Exception {
        return new BridgeHarness()
                .with("bridge.embedded", "false")
                .with("bridge.sandbox.enabled", "true")
                .with("bridge.rabbitmq.url", ExternalBrokersTest.RABBITMQ)
                .with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                .with("bridge.routes.dir", routes.toString())
                .with("bridge.erp.infor.enabled", "false")
                .with("bridge.retry.max-delay", "2000");
    }

    /** The ledger against the bridge's sandbox records and dead letters of {@code erp}. */
    static DeliveryLedger.Tally tally(BridgeHarness bridge, DeliveryLedger ledger, String erp) throws Exception {
        return ledger.tally(DeliveryLedger.bookingsOf(bridge.sandboxDocuments(erp)),
                DeliveryLedger.deadLetterIds(bridge.getJson("/dead-letters?limit=1000"), erp));
    }
}
