package io.iotbridge.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPC UA source against a server that wants Basic256Sha256 and a username: readings arrive
 * over one SignAndEncrypt session for all sensors of the server; a wrong password and an
 * untrusted server certificate are refused with the server's name and the reason; the bridge's
 * certificate is made on first start and reused after; the server's health check follows the
 * session.
 */
class OpcUaSecurityTest {

    private static final String USER = "bridge";
    private static final String PASSWORD = "line1-secret";
    private static final List<String> SENSORS = List.of("sec-press07-temp", "sec-press07-vib", "sec-press08-temp");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path pki;
    private Path routes;
    private LineSimulator line;
    private BridgeHarness bridge;

    @BeforeEach
    void start() throws Exception {
        pki = dir.resolve("pki");
        routes = dir.resolve("routes");
        copyRoutesWithoutSensors(routes);
        Files.writeString(routes.resolve("sensors/line1-secured.camel.yaml"), securedSensors());
        line = LineSimulator.secured(FreePorts.next(), USER, PASSWORD);
        line.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (line != null) {
            line.close();
        }
    }

    @Test
    void readingsArriveOverOneEncryptedSessionAndTheHealthCheckFollowsIt() throws Exception {
        trustServer();
        bridge = startBridge(PASSWORD);

        for (String sensor : SENSORS) {
            awaitDocumentAfter(sensor, Instant.now());
        }
        assertThat(line.sessionSecurityModes()).as("one session for all sensors of the server, encrypted")
                .containsExactly(MessageSecurityMode.SignAndEncrypt);
        assertThat(health().path("status").asText()).isEqualTo("UP");
        assertThat(serverCheck().path("status").asText()).isEqualTo("UP");

        line.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(serverCheck().path("status").asText()).isEqualTo("DOWN"));
        assertThat(health().path("status").asText()).isEqualTo("DOWN");

        Instant down = Instant.now();
        line.start();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(serverCheck().path("status").asText()).isEqualTo("UP"));
        awaitDocumentAfter(SENSORS.get(0), down.plusSeconds(2));
        assertThat(line.sessionCount()).isEqualTo(1);
    }

    @Test
    void theCertificateIsMadeOnFirstStartAndReusedOnTheNext() throws Exception {
        trustServer();
        bridge = startBridge(PASSWORD);
        Path client = pki.resolve("client");
        assertThat(client.resolve("iot-erp-bridge.p12")).exists();
        assertThat(Files.getPosixFilePermissions(client.resolve("keystore.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(client.resolve("iot-erp-bridge.p12")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        awaitDocumentAfter(SENSORS.get(0), Instant.now());
        String first = thumbprint(line.clientCertificates().get(0));
        assertThat(first).isEqualTo(thumbprint(Files.readAllBytes(client.resolve("iot-erp-bridge.der"))));
        bridge.close();

        int seen = line.clientCertificates().size();
        bridge = startBridge(PASSWORD);
        awaitDocumentAfter(SENSORS.get(0), Instant.now());
        List<X509Certificate> later = line.clientCertificates().subList(seen, line.clientCertificates().size());
        assertThat(later).isNotEmpty().allSatisfy(c -> assertThat(thumbprint(c)).isEqualTo(first));
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheServer() throws Exception {
        trustServer();
        bridge = startBridge("not-the-password");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode check = serverCheck();
            assertThat(check.path("status").asText()).isEqualTo("DOWN");
            assertThat(check.path("message").asText()).contains("Bad_UserAccessDenied");
        });
        // not retried at the reconnect pace (1 s here) but after the login retry delay (60 s by default):
        // each refused login may leave a session on the server, so 3 s at that pace would try two or three
        int refused = line.loginAttempts();
        assertThat(refused).isPositive();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> line.loginAttempts() == refused);
        assertThat(line.sessionCount()).isLessThanOrEqualTo(1);
        assertThat(health().toString()).doesNotContain("not-the-password");
    }

    @Test
    void aPasswordChangedUnderARunningSessionIsLoggedOnceAndNeverFillsTheServerWithSessions() throws Exception {
        line.close();
        // the refused session stays until it times out: 8 s here, two minutes by default
        line = LineSimulator.secured(line.port(), USER, PASSWORD).withMaxSessionTimeout(Duration.ofSeconds(8));
        line.start();
        trustServer();
        bridge = startBridge(PASSWORD, "bridge.opcua.login-retry-delay", "3000");
        awaitDocumentAfter(SENSORS.get(0), Instant.now());
        try (LoggedLines log = LoggedLines.capture()) {
            line.changePassword("rotated-by-the-plc-admin");
            line.dropConnections();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode check = serverCheck();
                assertThat(check.path("status").asText()).isEqualTo("DOWN");
                assertThat(check.path("message").asText()).contains("Bad_UserAccessDenied");
            });
            // Milo's own reconnect would create a new session 1, 3 and 7 s after the drop (back-off 1, 2,
            // 4 s), each refused and left on the server until it times out (8 s), and the bridge's own
            // login would follow every 3 s. The gate waits the refused session's timeout and a second
            // (9 s) after each refusal: 10 s see at most one more login, whoever makes it
            int refused = line.loginAttempts();
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                    .until(() -> line.loginAttempts() <= refused + 1 && line.sessionCount() <= 1);
            assertThat(log.containing("Bad_UserAccessDenied")).as("the refusal, logged once").hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains(line.port() + LineSimulator.PATH).doesNotContain(PASSWORD));
        }
        line.changePassword(PASSWORD);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(serverCheck().path("status").asText()).isEqualTo("UP"));
        assertThat(line.sessionCount()).isEqualTo(1);
    }

    @Test
    void anUntrustedServerIsRefusedUntilItsCertificateIsMovedToTrusted() throws Exception {
        bridge = startBridge(PASSWORD);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode check = serverCheck();
            assertThat(check.path("status").asText()).isEqualTo("DOWN");
            // the JSON escapes '/' as '\/'
            assertThat(check.path("message").asText().replace("\\/", "/")).contains("Bad_SecurityChecksFailed",
                    "is not trusted", pki.resolve("trusted/certs").toString());
        });
        Path rejected;
        try (Stream<Path> files = Files.list(pki.resolve("rejected"))) {
            rejected = files.filter(f -> f.toString().endsWith(".der")).findFirst().orElseThrow();
        }
        assertThat(thumbprint(Files.readAllBytes(rejected))).isEqualTo(thumbprint(line.certificate()));

        // what docs/plant-engineer.md ("OPC UA security, identity and trust") tells an operator to do
        Files.move(rejected, pki.resolve("trusted/certs").resolve(rejected.getFileName()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(serverCheck().path("status").asText()).isEqualTo("UP"));
        awaitDocumentAfter(SENSORS.get(0), Instant.now());
    }

    private BridgeHarness startBridge(String password, String... overrides) throws Exception {
        BridgeHarness harness = new BridgeHarness();
        for (int i = 0; i < overrides.length; i += 2) {
            harness.with(overrides[i], overrides[i + 1]);
        }
        return harness
                // the documents go to SAP B1 only: the other modules' clients and consumer routes would only lengthen each start
                .with("bridge.erp.dynamics365.enabled", "false")
                .with("bridge.erp.infor.enabled", "false")
                .withoutMqtt()
                .with("bridge.routes.dir", routes.toString())
                .with("bridge.opcua.pki-dir", pki.toString())
                .with("bridge.opcua.reconnect-delay", "1000")
                .with("bridge.opcua.line1.url", line.endpointUrl())
                // in production BRIDGE_OPCUA_LINE1_PASSWORD; the route file only names the property
                .with("bridge.opcua.line1.password", password)
                .start();
    }

    /** What an operator does once: the server's certificate into the bridge's trusted folder. */
    private void trustServer() throws Exception {
        Path trusted = Files.createDirectories(pki.resolve("trusted/certs"));
        Files.write(trusted.resolve("line1.der"), line.certificate().getEncoded());
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(bridge.management("/observe/health?exposureLevel=full").body());
    }

    private JsonNode serverCheck() throws Exception {
        String name = "opcua:localhost:" + line.port() + LineSimulator.PATH;
        for (JsonNode check : health().path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health());
    }

    private void awaitDocumentAfter(String sensor, Instant after) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            for (JsonNode d : bridge.sandboxDocuments("sap-b1")) {
                String key = d.get("key").asText();
                if (key.startsWith(sensor + "@")
                        && Long.parseLong(key.substring(sensor.length() + 1).split("\\.")[0]) > after.toEpochMilli()) {
                    return true;
                }
            }
            return false;
        });
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return thumbprint(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
    }

    private static void copyRoutesWithoutSensors(Path to) throws IOException {
        Path from = Path.of("routes");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.startsWith(from.resolve("sensors"))) {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static String securedSensors() {
        StringBuilder yaml = new StringBuilder();
        String[][] entries = {
            {SENSORS.get(0), "PRESS-07", LineSignal.TEMPERATURE.name(), "Cel", "oil-temperature"},
            {SENSORS.get(1), "PRESS-07", LineSignal.VIBRATION.name(), "mm/s", "vibration-velocity"},
            {SENSORS.get(2), "PRESS-08", LineSignal.TEMPERATURE.name(), "Cel", "oil-temperature"},
        };
        for (String[] e : entries) {
            yaml.append("""
                    - route:
                        id: opcua-test-%1$s
                        from:
                          uri: kamelet:opcua-sensor-source
                          parameters:
                            server: "{{bridge.opcua.line1.url}}"
                            securityPolicy: Basic256Sha256
                            messageSecurityMode: SignAndEncrypt
                            username: %5$s
                            password: "{{bridge.opcua.line1.password}}"
                            nodeId: "%2$s"
                            samplingInterval: 500
                            sensorId: %1$s
                            machineId: %3$s
                            unit: "%4$s"
                          steps:
                            - to:
                                uri: kamelet:reading-buffer-sink
                                parameters:
                                  erp: sap-b1
                                  kind: meter
                                  field: %6$s
                                  fieldUnit: "%4$s"
                    """.formatted(e[0], LineSimulator.nodeId(e[1], LineSignal.valueOf(e[2])), e[1], e[3], USER, e[4]));
        }
        return yaml.toString();
    }
}
