package io.iotbridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.BridgeHarness;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.faults.PrivateRabbitMq;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
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
        TestCertificate broker = TestCertificate.of("localhost");
        Path certPem = broker.certificatePem(dir.resolve("broker.pem"));
        Path keyPem = broker.keyPem(dir.resolve("broker.key"));
        Path truststore = broker.truststore(dir.resolve("truststore.p12"), PASSWORD);

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
                .hasStackTraceContaining("bridge.erp.sap-b1.url is http://")
                .hasStackTraceContaining("bridge.http.keystore is empty");
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
}
