package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.sandbox.dynamics365.Dynamics365Sandbox;
import io.iotbridge.sandbox.dynamics365.SandboxRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 3 and 4, on Dynamics 365 (its timeout is configurable, so a black-holed ERP costs
 * seconds, not minutes): the ERP unreachable for a while, then answering 503 and 429 with
 * Retry-After. The readings wait in erp.dynamics365 on the machine's RabbitMQ meanwhile, are
 * never dead-lettered, and are booked once when the ERP is back.
 */
class ErpOutageScenarioTest extends MachineBrokerScenario {

    private static final String ERP = "dynamics365";

    @Test
    void readingsWaitWhileTheErpIsUnreachableAndArriveOnce() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("3. ERP unreachable",
                "relay to the Dynamics 365 sandbox closed (connection refused) 4 s, then black-holed "
                        + "(2 s client timeouts) 4 s, then restored", "exchange iot.readings");
        BridgeHarness harness = bridge();
        try (ErpLink link = new ErpLink(Integer.parseInt(harness.property("bridge.sandbox.dynamics365.port")));
             BridgeHarness bridge = harness
                     .with("bridge.erp.dynamics365.url", "http://localhost:" + link.port())
                     .with("bridge.erp.dynamics365.login-url", "http://localhost:" + link.port())
                     .start();
             ReadingFeed feed = feed(ledger)) {
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).delivered() > 0);
            // 20 readings a second (two sensors, every 100 ms)
            link.refuse();
            Settle.moreSent(ledger, 80);
            link.blackHole();
            Settle.moreSent(ledger, 80);
            link.restore();
            Settle.moreSent(ledger, 20);
            feed.stop();
            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(45)));
            assertThat(transientFailures(bridge)).as("the outage was met and retried").isPositive();
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
        }
    }

    @Test
    void readingsOutlast503And429AndArriveOnce() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("4. ERP 503, then 429",
                "Dynamics 365 sandbox answers the next 6 enqueues 503, then the next 6 429 with Retry-After: 1",
                "exchange iot.readings");
        try (BridgeHarness bridge = bridge().start(); ReadingFeed feed = feed(ledger)) {
            Dynamics365Sandbox erp = bridge.context().getRegistry().findSingleByType(Dynamics365Sandbox.class);
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).delivered() > 0);
            erp.failNext(6);
            await().atMost(Duration.ofSeconds(30)).until(() -> answered(erp, 503) >= 6);
            erp.throttleNext(6, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> answered(erp, 429) >= 6);
            Settle.moreSent(ledger, 20);
            feed.stop();
            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(45)));
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
        }
    }

    private BridgeHarness bridge() throws Exception {
        return configure()
                .with("bridge.erp.dynamics365.timeout", "2s")
                .with("bridge.erp.dynamics365.max-attempts", "2")
                // failed documents are retried side by side, so the breaker may open on the 503s:
                // its probe comes soon enough for the 429s to follow within the test's time
                .with("bridge.erp.dynamics365.breaker.wait-in-open", "2s");
    }

    private ReadingFeed feed(DeliveryLedger ledger) {
        return ReadingFeed.toExchange(ExternalBrokersTest.RABBITMQ, ERP, "FAULT-ERP",
                List.of("faults-c-" + run, "faults-d-" + run), ledger);
    }

    private static long answered(Dynamics365Sandbox erp, int status) {
        return erp.requests().stream().filter(r -> r.status() == status).map(SandboxRequest::path).count();
    }

    private static DeliveryLedger.Tally tally(BridgeHarness bridge, DeliveryLedger ledger) throws Exception {
        return tally(bridge, ledger, ERP);
    }

    private static double transientFailures(BridgeHarness bridge) throws Exception {
        return bridge.management("/observe/metrics").body().lines()
                .filter(l -> l.startsWith("iotbridge_erp_delivery_failures_total{") && l.contains("erp=\"" + ERP + "\"")
                        && l.contains("class=\"transient\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
