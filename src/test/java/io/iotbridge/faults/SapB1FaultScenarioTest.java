package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 5, 6 and 9, on SAP Business One through the machine's RabbitMQ: the DI Server session
 * expiring mid-stream (re-login inside the module, nothing redelivered twice), permanent
 * rejections (dead-lettered with the ERP's message while the rest arrive; a replay after the
 * cause is fixed books the document once), and a slowed gateway (the readings wait, none is
 * dead-lettered for it).
 */
class SapB1FaultScenarioTest extends MachineBrokerScenario {

    private static final String ERP = "sap-b1";
    private static final String REFUSAL = "Value of field U_Value out of the range the UDF allows (sensor out of calibration)";

    @Test
    void sessionsExpiringMidStreamCostALoginNotAReading() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("5. SAP B1 session expiry",
                "DI Server sandbox forgets every session three times mid-stream, each time once the last expiry cost a new login", "exchange iot.readings");
        try (BridgeHarness bridge = bridge().start(); ReadingFeed feed = feed(ledger)) {
            SapB1Sandbox erp = bridge.context().getRegistry().findSingleByType(SapB1Sandbox.class);
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).delivered() > 0);
            int logins = erp.logins();
            for (int i = 0; i < 3; i++) {
                int before = erp.logins();
                erp.expireSessions();
                // the next document after an expiry logs in again; waiting for it, not for a number of
                // readings sent, keeps each expiry apart from the next on a slow machine
                await("a login after expiry " + (i + 1)).atMost(Duration.ofSeconds(30)).until(() -> erp.logins() > before);
                Settle.moreSent(ledger, 20);
            }
            feed.stop();
            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(45)));
            assertThat(erp.logins()).as("a new login after each expiry").isGreaterThanOrEqualTo(logins + 3);
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
        }
    }

    @Test
    void refusedDocumentsAreDeadLetteredWithTheErpsMessageAndReplayedOnce() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("6. permanent rejection",
                "DI Server sandbox refuses the next 2 meter documents with a business fault; "
                        + "then one of them is replayed (POST /dead-letters/{id}/replay)", "exchange iot.readings");
        try (BridgeHarness bridge = bridge().start(); ReadingFeed feed = feed(ledger)) {
            SapB1Sandbox erp = bridge.context().getRegistry().findSingleByType(SapB1Sandbox.class);
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).delivered() > 0);
            erp.rejectNext(2, REFUSAL, "meter");
            Settle.moreSent(ledger, 60);
            feed.stop();
            // settling lists the dead letters every 500 ms, more often than x-delivery-limit: they must survive it
            DeliveryLedger.Tally refused = Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(20));
            assertThat(refused.lost()).as("nothing lost: %s", refused).isZero();
            assertThat(refused.deadLettered()).as("the refused documents' readings are dead letters").isPositive();

            List<JsonNode> deadLetters = ours(bridge, ledger);
            assertThat(deadLetters).allSatisfy(d -> assertThat(d.get("reason").asText()).contains(REFUSAL));
            assertThat(deadLetters.stream().map(d -> d.get("group").asText()).distinct()).hasSize(2);
            // the cause is fixed (the sandbox refused only two): replay one document, twice
            String id = deadLetters.get(0).get("id").asText();
            assertThat(bridge.api("POST", "/dead-letters/" + id + "/replay").statusCode()).isEqualTo(202);
            assertThat(bridge.api("POST", "/dead-letters/" + id + "/replay").statusCode())
                    .as("a dead letter replayed is no longer one").isEqualTo(404);
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).deadLettered() < refused.deadLettered());

            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(30)));
            String otherGroup = deadLetters.stream().map(d -> d.get("group").asText())
                    .filter(g -> !g.equals(deadLetters.get(0).get("group").asText())).findFirst().orElseThrow();
            assertThat(tally.duplicates()).as("the replayed document booked once: %s", tally).isZero();
            assertThat(tally.lost()).as("nothing lost: %s", tally).isZero();
            assertThat(tally.deadLettered()).as("only the other refused document's readings stay dead letters")
                    .isEqualTo(deadLetters.stream().filter(d -> d.get("group").asText().equals(otherGroup)).count());
        }
    }

    @Test
    void aSlowedErpMakesReadingsWaitAndDeadLettersNone() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger("9. slowed ERP",
                "DI Server gateway takes 3 s for every call while 150 readings arrive, "
                        + "then answers at full speed again", "exchange iot.readings");
        try (BridgeHarness bridge = bridge().start(); ReadingFeed feed = feed(ledger)) {
            SapB1Sandbox erp = bridge.context().getRegistry().findSingleByType(SapB1Sandbox.class);
            feed.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger).delivered() > 0);
            erp.delay(Duration.ofSeconds(3));
            Settle.moreSent(ledger, 150);
            feed.stop();
            erp.delay(Duration.ZERO);
            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger), Duration.ofSeconds(60)));
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once, none dead-lettered: %s", tally).isTrue();
        }
    }

    private BridgeHarness bridge() throws Exception {
        return configure()
                .with("bridge.erp.dynamics365.enabled", "false");
    }

    private ReadingFeed feed(DeliveryLedger ledger) {
        return ReadingFeed.toExchange(ExternalBrokersTest.RABBITMQ, ERP, "FAULT-SAP",
                List.of("faults-e-" + run, "faults-f-" + run), ledger);
    }

    /** This scenario's dead letters, as GET /api/v1/dead-letters lists them. */
    private static List<JsonNode> ours(BridgeHarness bridge, DeliveryLedger ledger) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        bridge.getJson("/dead-letters?limit=1000").forEach(d -> {
            if (ledger.sentIds().contains(d.get("id").asText())) {
                found.add(d);
            }
        });
        return found;
    }

    private static DeliveryLedger.Tally tally(BridgeHarness bridge, DeliveryLedger ledger) throws Exception {
        return tally(bridge, ledger, ERP);
    }
}
