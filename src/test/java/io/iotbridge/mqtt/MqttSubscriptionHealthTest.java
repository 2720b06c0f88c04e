package io.iotbridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.embedded.EmbeddedMqttBroker;
import io.iotbridge.faults.ScenarioRoutes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker's health check {@code mqtt:<host>:<port>} is UP once the broker acknowledged every
 * subscription the bridge's entries read (SUBACK), not when the connection is made (CONNACK, a
 * moment earlier, when a reading published would not reach the bridge yet); DOWN with the reason
 * while a SUBACK is awaited or the broker refused a subscription. A broker away and back is one
 * log line each way, the first saying why in words (the broker's reason code, or a lost socket).
 */
class MqttSubscriptionHealthTest {

    private static final String TOPIC = "suback/line1/temperature";

    @TempDir
    Path dir;
    private Path routes;

    @BeforeEach
    void catalogue() throws Exception {
        routes = ScenarioRoutes.copy(dir.resolve("routes"));
        ScenarioRoutes.mqttSensor(routes, "suback-temp", "SUBACK-1", TOPIC, "sap-b1");
    }

    @Test
    void connectedIsNotUpUntilTheBrokerAcknowledgedTheSubscriptions() throws Exception {
        try (PrivateMosquitto mqtt = new PrivateMosquitto(dir.resolve("mosquitto"), false, 1000).start();
             SubackProxy proxy = new SubackProxy(URI.create(mqtt.url()).getPort()).hold();
             BridgeHarness bridge = bridge(proxy).start()) {
            String check = "mqtt:127.0.0.1:" + proxy.port();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(message(bridge, check))
                        .isEqualTo("connected; waiting for the broker to acknowledge the subscription to [" + TOPIC + "]");
                assertThat(bridge.healthOf(check)).isEqualTo("DOWN");
            });

            proxy.release();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bridge.healthOf(check)).isEqualTo("UP");
                assertThat(message(bridge, check)).isEqualTo("connected; subscribed to 1 topic filter(s)");
            });
        }
    }

    @Test
    void aSubscriptionTheBrokerRefusesKeepsItDownWithTheReasonLoggedOnce() throws Exception {
        try (PrivateMosquitto mqtt = new PrivateMosquitto(dir.resolve("mosquitto"), false, 1000).start();
             SubackProxy proxy = new SubackProxy(URI.create(mqtt.url()).getPort()).refuse();
             LoggedLines log = LoggedLines.capture();
             BridgeHarness bridge = bridge(proxy).start()) {
            String check = "mqtt:127.0.0.1:" + proxy.port();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bridge.healthOf(check)).isEqualTo("DOWN");
                assertThat(message(bridge, check)).isEqualTo(
                        "connected; the broker refused to subscribe {" + TOPIC + "=reason code 0x87 (not authorized)}");
            });
            assertThat(log.containing("refused to subscribe")).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("ERROR").contains("127.0.0.1:" + proxy.port(), TOPIC, "not authorized").doesNotContain("Exception"));
        }
    }

    @Test
    void aBrokerAwayAndBackLogsOneLinePerStateChangeAndNoStackTrace() throws Exception {
        try (PrivateMosquitto mqtt = new PrivateMosquitto(dir.resolve("mosquitto"), false, 1000).start();
             BridgeHarness bridge = bridge(mqtt.url()).start()) {
            String check = "mqtt:" + mqtt.url().substring("tcp://".length());
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(check)));
            try (LoggedLines log = LoggedLines.capture()) {
                mqtt.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(bridge.healthOf(check)));
                mqtt.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(bridge.healthOf(check)));

                assertThat(log.linesWithCauses()).as("a broker away is expected: nothing logged with a stack trace")
                        .noneSatisfy(l -> assertThat(l).contains("\n  caused by "));
                List<String> broker = log.containing(mqtt.url());
                assertThat(broker).as("away, then back").hasSize(2);
                assertThat(broker.get(0)).startsWith("WARN").endsWith("MQTT broker " + mqtt.url() + ": disconnected: "
                                + "connection lost without a DISCONNECT from the broker (Connection lost: "
                                + "the broker closed the socket); reconnecting automatically")
                        .doesNotContain("MqttDisconnectResponse", "null");
                assertThat(broker.get(1)).startsWith("INFO").contains("reconnected");
            }
        }
    }

    @Test
    void aSessionTakenOverLogsTheBrokersReasonInOneLineAndReconnects() throws Exception {
        String clientId = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        // HiveMQ, not Mosquitto 2.0: Mosquitto closes the socket of a session taken over without a DISCONNECT
        try (EmbeddedMqttBroker mqtt = new EmbeddedMqttBroker(FreePorts.next(), dir.resolve("hivemq"))) {
            mqtt.start();
            try (BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString())
                     .with("bridge.mqtt.url", mqtt.brokerUrl()).with("bridge.mqtt.client-id", clientId).start();
                 LoggedLines log = LoggedLines.capture()) {
                String check = "mqtt:127.0.0.1:" + mqtt.port();
                await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(check)));
                takeOverSession(mqtt.brokerUrl(), clientId);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log.containing(mqtt.brokerUrl()))
                        .anySatisfy(l -> assertThat(l).contains("reconnected")));
                await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(bridge.healthOf(check)));
                assertThat(log.containing(mqtt.brokerUrl() + ": disconnected")).singleElement().isEqualTo("WARN "
                        + BrokerConnection.class.getName() + " MQTT broker " + mqtt.brokerUrl() + ": disconnected: the broker "
                        + "sent DISCONNECT, reason code 0x8e (session taken over), reason string \"Another client "
                        + "connected with the same client id.\"; reconnecting automatically");
                assertThat(log.linesWithCauses()).noneSatisfy(l -> assertThat(l).contains("\n  caused by "));
            }
        }
    }

    /** Another client with the bridge's client id: the broker hands it the session and tells the bridge why. */
    private static void takeOverSession(String url, String clientId) throws Exception {
        MqttClient other = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        other.connect(options);
        other.disconnect();
        other.close();
    }

    /** Camel's health answer escapes the topics' slashes twice ({@code \\/}). */
    private static String message(BridgeHarness bridge, String check) throws Exception {
        return bridge.healthMessageOf(check).replace("\\/", "/");
    }

    private BridgeHarness bridge(SubackProxy proxy) throws Exception {
        return bridge("tcp://127.0.0.1:" + proxy.port());
    }

    private BridgeHarness bridge(String mqttUrl) throws Exception {
        return new BridgeHarness()
                .with("bridge.routes.dir", routes.toString())
                .mqttBrokerOnly(mqttUrl);
    }
}
