package io.iotbridge.erp.sapb1;

import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.sapb1.ServiceLayerSandbox;
import io.iotbridge.tls.TestCertificate;
import io.iotbridge.tls.TrustStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A Service Layer sandbox over HTTPS with a self-signed certificate made at test time, as a real
 * Service Layer has by default, and a client that trusts exactly that certificate.
 */
final class ServiceLayerFixtures implements AutoCloseable {

    /** Test-only values; a real deployment takes the password from the environment. */
    static final ServiceLayerLogin LOGIN = new ServiceLayerLogin("SBODEMOUS", "manager", "b1-secret-for-tests");
    static final String PASSWORD = "store-secret-for-tests";

    final SandboxRecorder recorder = new SandboxRecorder();
    final ServiceLayerSandbox sandbox;
    final SSLContext trusting;
    private final String version;
    private final java.util.List<ServiceLayerClient> clients = new java.util.ArrayList<>();

    ServiceLayerFixtures(String version) throws Exception {
        this.version = version;
        Path dir = Files.createTempDirectory("service-layer-tls");
        TestCertificate certificate = TestCertificate.of("localhost");
        Path keystore = certificate.keystore(dir.resolve("server.p12"), PASSWORD);
        Path truststore = certificate.truststore(dir.resolve("trust.p12"), PASSWORD);
        SSLContext server = TrustStores.context("", "", "sandbox keystore", keystore.toString(), PASSWORD);
        trusting = TrustStores.context(truststore.toString(), PASSWORD);
        sandbox = new ServiceLayerSandbox(0, server, recorder, LOGIN);
        sandbox.start();
    }

    ServiceLayerClient client() {
        return client(LOGIN, Clock.systemUTC());
    }

    ServiceLayerClient client(ServiceLayerLogin login, Clock clock) {
        ServiceLayerClient client = new ServiceLayerClient(sandbox.address(), version, login, trusting,
                // generous: 16 calls at once, each opening a TLS connection, on a busy two-core CI machine
                // took longer than 5 s; no test here waits for a timeout
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), clock);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(ServiceLayerClient::close);
        sandbox.close();
    }
}
