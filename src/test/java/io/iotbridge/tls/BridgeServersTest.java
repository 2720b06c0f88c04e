package io.iotbridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's own servers: with bridge.http.keystore the REST API, the status page and the
 * management port answer HTTPS with that certificate and nothing in clear; the bind addresses
 * follow bridge.http.host and bridge.management.host; the ERP sandboxes answer on loopback only.
 */
class BridgeServersTest {

    private static final String PASSWORD = "test-only-keystore";
    private static TestCertificate certificate;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("bridge-servers-test");
        certificate = TestCertificate.of("localhost");
        Path keystore = certificate.keystore(dir.resolve("bridge-http.p12"), PASSWORD);
        Path truststore = certificate.truststore(dir.resolve("truststore.p12"), PASSWORD);
        bridge = new BridgeHarness().https(keystore, PASSWORD, TrustStores.context(truststore.toString(), PASSWORD))
                .with("bridge.management.host", "127.0.0.1").withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void theApiAndTheManagementPortAnswerHttpsWithTheKeystoresCertificateAndNothingInClear() throws Exception {
        HttpResponse<String> api = bridge.api("GET", "/sensors");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.uri().getScheme()).isEqualTo("https");
        assertThat(api.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
        HttpResponse<String> page = bridge.management("/observe/health/live");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate.certificate());

        for (String port : List.of("bridge.http.port", "camel.management.port")) {
            URI clear = URI.create("http://localhost:" + bridge.property(port) + "/");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(clear).build(),
                    HttpResponse.BodyHandlers.ofString())).as("plain HTTP on %s", port).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theSandboxesAndAManagementPortBoundToLoopbackListenOnLoopbackOnly() throws Exception {
        // read from the kernel's socket table: nothing is sent to an address other than loopback
        Map<Integer, String> listening = ListeningSockets.ipv4();
        for (String port : List.of("bridge.sandbox.port", "bridge.sandbox.infor.port", "bridge.sandbox.dynamics365.port",
                "bridge.sandbox.sap-b1.port", "camel.management.port")) {
            assertThat(listening.get(Integer.parseInt(bridge.property(port)))).as("%s listens on", port).isEqualTo("127.0.0.1");
        }
        // bridge.http.host 0.0.0.0: devices on the plant network reach the API
        assertThat(listening.get(Integer.parseInt(bridge.property("bridge.http.port")))).isEqualTo("0.0.0.0");
    }
}
