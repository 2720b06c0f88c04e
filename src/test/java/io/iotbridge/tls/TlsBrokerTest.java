package io.iotbridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.BridgeHarness;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.faults.PrivateRabbitMq;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * amqps:// against a real RabbitMQ node with a TLS listener (a private node of this test): the
 * bridge connects when the trust store holds the broker's certificate and the host name matches,
 * and refuses otherwise, where the RabbitMQ client's own amqps default would trust anything.
 */
class TlsBrokerTest {

    private static final String PASSWORD = "test-only-truststore";

    @TempDir
    Path dir;

    @Test
    void connectsOnlyToABrokerItTrustsUnderTheNameItsCertificateCarries() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate cert = new SelfSignedCertificateBuilder(keys).setCommonName("localhost")
                .setApplicationUri("urn:iotbridge:test-broker").setCountryCode("DE").addDnsName("localhost").build();
        Path certPem = pem(dir.resolve("broker.pem"), "CERTIFICATE", cert.getEncoded());
        Path keyPem = pem(dir.resolve("broker.key"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        Path truststore = truststore(cert);

        try (PrivateRabbitMq rabbit = new PrivateRabbitMq()) {
            int port = rabbit.tls(certPem, keyPem);
            rabbit.start();
            SSLContext trusting = TrustStores.context(truststore.toString(), PASSWORD);

            // trusted certificate, matching name: connected, and the topology declared over TLS
            CachingConnectionFactory ok = factory("amqps://guest:guest@localhost:" + port, trusting);
            try (Connection connection = ok.createConnection(); var channel = connection.createChannel(false)) {
                assertThat(channel.queueDeclarePassive(RabbitTopology.REJECTED_QUEUE).getQueue())
                        .isEqualTo(RabbitTopology.REJECTED_QUEUE);
            } finally {
                ok.destroy();
            }
            // the JVM's CAs do not know a plant's own broker certificate
            assertRefused(factory("amqps://guest:guest@localhost:" + port, TrustStores.context("", "")));
            // trusted certificate, but reached under a name it does not carry
            assertRefused(factory("amqps://guest:guest@127.0.0.1:" + port, trusting));
        }
    }

    @Test
    void theProdProfileRefusesToStartWithABrokerInClearNamingTheKey() throws Exception {
        BridgeHarness bridge = new BridgeHarness().with("bridge.tls.required", "true");
        assertThatThrownBy(bridge::start).hasStackTraceContaining("bridge.rabbitmq.url is amqp://")
                .hasStackTraceContaining("bridge.mqtt.url is tcp://")
                .hasStackTraceContaining("bridge.erp.sap-b1.url is http://");
        bridge.close();
    }

    @Test
    void encryptedAddressesPass() {
        assertThat(PlaintextRefusal.check(java.util.Map.of("bridge.rabbitmq.url", "amqps://u:p@h:5671",
                "bridge.mqtt.url", "ssl://h:8883", "bridge.erp.infor.url", "https://h", "bridge.erp.x.url", "")))
                .isEmpty();
    }

    private static void assertRefused(CachingConnectionFactory factory) {
        try {
            assertThatThrownBy(factory::createConnection).hasStackTraceContaining("javax.net.ssl");
        } finally {
            factory.destroy();
        }
    }

    private static CachingConnectionFactory factory(String url, SSLContext tls) {
        return RabbitConnections.connectionFactory(url, tls,
                new RabbitTopology(List::of, RabbitTopology.QueueType.QUORUM, 5));
    }

    private Path truststore(X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("broker", cert);
        Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
