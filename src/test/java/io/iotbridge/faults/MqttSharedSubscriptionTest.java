package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.PrivateMosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out with a shared subscription: two bridges (each with its own client id, embedded
 * RabbitMQ and sandbox) in one group, bridge.mqtt.shared-group, read one sensor's topic; the broker
 * gives each reading to one of them, so across both sandboxes every reading is booked exactly once.
 * Uses the sent-versus-booked ledger of the fault scenarios, without a fault.
 */
class MqttSharedSubscriptionTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path temp;

    @Test
    void twoBridgesInOneGroupBookEveryReadingOnce() throws Exception {
        String sensor = "shared-" + RUN;
        String topic = "shared/" + RUN + "/temperature";
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        ScenarioRoutes.mqttSensor(routes, sensor, "SHARED-1", topic, "sap-b1");
        DeliveryLedger ledger = new DeliveryLedger("shared subscription", "none", "MQTT");

        try (PrivateMosquitto mqtt = new PrivateMosquitto(temp.resolve("mosquitto"), false, 10_000).start();
             BridgeHarness one = bridge(routes, mqtt).start();
             BridgeHarness two = bridge(routes, mqtt).start();
             ReadingFeed feed = ReadingFeed.toMqtt(mqtt.url(), topic, "SHARED-1", sensor, ledger)) {
            RabbitMqRestartScenarioTest.awaitAllRoutesStarted(one.context());
            RabbitMqRestartScenarioTest.awaitAllRoutesStarted(two.context());
            String health = "mqtt:" + mqtt.url().substring("tcp://".length());
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(one.healthOf(health)) && "UP".equals(two.healthOf(health)));
            feed.start(Duration.ofMillis(50));
            Settle.moreSent(ledger, 200);
            feed.stop();

            DeliveryLedger.Tally tally = Settle.tally(() -> tally(ledger, one, two), Duration.ofSeconds(60));
            System.out.println("SHARED SUBSCRIPTION: " + tally + "; first bridge " + tally(ledger, one).delivered()
                    + ", second " + tally(ledger, two).delivered());
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once across both bridges: %s", tally).isTrue();
            assertThat(tally(ledger, one).delivered()).as("the first bridge took a share").isPositive();
            assertThat(tally(ledger, two).delivered()).as("the second bridge took a share").isPositive();
        }
    }

    private static BridgeHarness bridge(Path routes, PrivateMosquitto mqtt) throws Exception {
        return new BridgeHarness()
                .with("bridge.routes.dir", routes.toString())
                .mqttBrokerOnly(mqtt.url())
                .with("bridge.mqtt.shared-group", "bridges-" + RUN);
    }

    private static DeliveryLedger.Tally tally(DeliveryLedger ledger, BridgeHarness... bridges) throws Exception {
        List<List<String>> bookings = new ArrayList<>();
        for (BridgeHarness bridge : bridges) {
            bookings.addAll(DeliveryLedger.bookingsOf(bridge.sandboxDocuments("sap-b1")));
        }
        return ledger.tally(bookings, List.of());
    }
}
