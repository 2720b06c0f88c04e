package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.PrivateMosquitto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: the MQTT broker stopped and started again while a device publishes QoS 1 readings.
 * The broker is a Mosquitto of the test's own with persistence on; SIGTERM makes it save its
 * sessions and queues, as a service restart does. The device keeps a persistent session too: it
 * buffers while the broker is away and sends again what was not acknowledged. The bridge's
 * session (subscription, and readings queued for it) survives the restart; what it had read but
 * not acknowledged comes again.
 */
class MqttBrokerRestartScenarioTest extends MachineBrokerScenario {

    private static final int READINGS_PER_SECOND = 20;

    @Test
    void readingsPublishedAcrossAnMqttBrokerRestartAreBookedOnce() throws Exception {
        String sensor = "faults-mqtt-" + run;
        String topic = "faults/" + run + "/temperature";
        ScenarioRoutes.mqttSensor(routes, sensor, "FAULT-MQTT", topic, "sap-b1");
        DeliveryLedger ledger = new DeliveryLedger("7. MQTT broker restart",
                "private Mosquitto (persistence on) stopped with SIGTERM for 5 s mid-stream, then started; "
                        + "the device (persistent session) buffers and resends meanwhile", "MQTT");

        try (PrivateMosquitto mqtt = new PrivateMosquitto(temp.resolve("mosquitto"), true, 100_000).start();
             BridgeHarness bridge = configure().with("bridge.mqtt.url", mqtt.url()).start();
             ReadingFeed feed = ReadingFeed.toMqttDevice(mqtt.url(), topic, "FAULT-MQTT", sensor, ledger)) {
            String health = "mqtt:" + mqtt.url().substring("tcp://".length());
            RabbitMqRestartScenarioTest.awaitAllRoutesStarted(bridge.context());
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(health)));
            feed.start(Duration.ofMillis(1000 / READINGS_PER_SECOND));
            await().atMost(Duration.ofSeconds(30)).until(() -> tally(bridge, ledger, "sap-b1").delivered() > 0);

            mqtt.stop();
            long atStop = feed.made();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(bridge.healthOf(health)));
            // 5 s of readings made while the broker is away: buffered by the device
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.made() >= atStop + 5L * READINGS_PER_SECOND);
            mqtt.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(bridge.healthOf(health)));
            Settle.moreSent(ledger, 3 * READINGS_PER_SECOND);
            feed.stop();

            DeliveryLedger.Tally tally = ledger.report(Settle.tally(() -> tally(bridge, ledger, "sap-b1"), Duration.ofSeconds(90)));
            assertThat(tally.sent()).as("readings made while the broker was away count once the device sent them")
                    .isGreaterThanOrEqualTo((int) (atStop + 5L * READINGS_PER_SECOND));
            assertThat(tally.exactlyOnce()).as("every reading booked exactly once: %s", tally).isTrue();
        }
    }
}
