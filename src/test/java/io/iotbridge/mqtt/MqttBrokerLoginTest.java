package io.iotbridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.LoggedLines;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.faults.ScenarioRoutes;
import io.iotbridge.tls.TestCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's MQTT login against a private Mosquitto with a TLS listener and no anonymous
 * clients: with the right user and password (and, where the broker asks for one, the client
 * certificate of bridge.mqtt.keystore) it books readings, checking the broker's certificate
 * against bridge.tls.truststore under its host name; a wrong password is refused with the
 * broker's reason in the log, once, and in the health check, and never shown.
 */
class MqttBrokerLoginTest {

    private static final String USER = "bridge";
    private static final String PASSWORD = "mqtt-test-password-" + UUID.randomUUID();
    private static final String STORE_PASSWORD = "test-only-store";
    private static final String SENSOR = "login-temp";
    private static final String TOPIC = "login/line1/temperature";

    @TempDir
    Path dir;
    private Path routes;
    private TestCertificate broker;
    private Path brokerPem;

    @BeforeEach
    void certificates() throws Exception {
        routes = ScenarioRoutes.copy(dir.resolve("routes"));
        ScenarioRoutes.mqttSensor(routes, SENSOR, "LOGIN-1", TOPIC, "sap-b1");
        broker = TestCertificate.of("localhost");
        brokerPem = broker.certificatePem(dir.resolve("broker.pem"));
    }

    @Test
    void withTheRightLoginTheBridgeBooksReadingsOverTls() throws Exception {
        try (PrivateMosquitto mqtt = mosquitto().start();
             BridgeHarness bridge = bridge(mqtt, PASSWORD).start()) {
            awaitBooked(bridge, () -> publish(mqtt, List.of()));
        }
    }

    @Test
    void aWrongPasswordIsRefusedOnceWithTheBrokersReasonAndNeverShown() throws Exception {
        String wrong = "not-the-mqtt-password-" + UUID.randomUUID();
        try (PrivateMosquitto mqtt = mosquitto().start();
             LoggedLines log = LoggedLines.capture();
             BridgeHarness bridge = bridge(mqtt, wrong).start()) {
            String check = health(mqtt);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(bridge.healthOf(check)).isEqualTo("DOWN");
                assertThat(bridge.healthMessageOf(check)).contains("cannot connect", "Not authorized", "bridge.mqtt.username");
            });
            // it keeps trying (2, 4, 8 s apart): the refusal is still logged once; 5 s see the first retry
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .until(() -> log.containing("Not authorized").size() == 1);
            assertThat(log.containing("Not authorized")).as("logged once, naming the broker")
                    .allSatisfy(l -> assertThat(l).contains("ERROR", mqtt.url()));
            assertThat(log.lines()).noneMatch(l -> l.contains(wrong));
            assertThat(bridge.management("/observe/health?exposureLevel=full").body()).doesNotContain(wrong);
        }
    }

    @Test
    void aBrokerThatWantsAClientCertificateGetsTheOneOfTheKeystore() throws Exception {
        TestCertificate client = TestCertificate.of("iot-erp-bridge");
        Path clientPem = client.certificatePem(dir.resolve("client.pem"));
        Path keystore = client.keystore(dir.resolve("client.p12"), STORE_PASSWORD);
        try (PrivateMosquitto mqtt = mosquitto().requireCertificate(clientPem).start();
             BridgeHarness bridge = bridge(mqtt, PASSWORD).with("bridge.mqtt.keystore", keystore.toString())
                     .with("bridge.mqtt.keystore-password", STORE_PASSWORD).start()) {
            List<String> device = List.of("--cert", clientPem.toString(), "--key", client.keyPem(dir.resolve("client.key")).toString());
            awaitBooked(bridge, () -> publish(mqtt, device));
        }
    }

    private PrivateMosquitto mosquitto() throws Exception {
        return new PrivateMosquitto(dir.resolve("mosquitto"), false, 1000)
                .tls(brokerPem, broker.keyPem(dir.resolve("broker.key"))).login(USER, PASSWORD);
    }

    private BridgeHarness bridge(PrivateMosquitto mqtt, String password) throws Exception {
        return new BridgeHarness()
                .with("bridge.routes.dir", routes.toString())
                .mqttBrokerOnly(mqtt.url())
                .with("bridge.tls.truststore", broker.truststore(dir.resolve("truststore.p12"), STORE_PASSWORD).toString())
                .with("bridge.tls.truststore-password", STORE_PASSWORD)
                .with("bridge.mqtt.username", USER)
                // in production BRIDGE_MQTT_PASSWORD
                .with("bridge.mqtt.password", password);
    }

    private static String health(PrivateMosquitto mqtt) {
        return "mqtt:" + mqtt.url().substring("ssl://".length());
    }

    /** One canonical reading from a device with its own login (mosquitto_pub); its reading id. */
    private String publish(PrivateMosquitto mqtt, List<String> deviceCertificate) throws Exception {
        Instant ts = Instant.now();
        long seq = System.nanoTime();
        String payload = """
                {"sensorId":"%s","machineId":"LOGIN-1","value":51.5,"unit":"Cel","ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}"""
                .formatted(SENSOR, ts, seq);
        String port = mqtt.url().substring(mqtt.url().lastIndexOf(':') + 1);
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", "localhost", "-p", port, "--cafile",
                brokerPem.toString(), "-u", USER, "-P", PASSWORD, "-q", "1", "-t", TOPIC, "-m", payload));
        command.addAll(deviceCertificate);
        Process pub = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pub.getInputStream().readAllBytes());
        assertThat(pub.waitFor()).as("mosquitto_pub: %s", output).isZero();
        return SENSOR + ":" + ts.toEpochMilli() + ":" + seq;
    }

    /** Publishes a reading every 2 s (none waits for the bridge to subscribe) until one is booked. */
    private static void awaitBooked(BridgeHarness bridge, Callable<String> publish) {
        List<String> sent = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            sent.add(publish.call());
            List<String> booked = new ArrayList<>();
            bridge.sandboxDocuments("sap-b1").forEach(d -> d.get("readingIds").forEach(id -> booked.add(id.asText())));
            assertThat(booked).containsAnyElementsOf(sent);
        });
    }
}
