package io.iotbridge.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** The status page's broker box: red with the reason when RabbitMQ is away, without hanging the page. */
class BrokerFiguresTest {

    @Test
    void aBrokerNobodyListensForIsDownWithTheReason() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", FreePorts.next());
        try (BrokerFigures figures = new BrokerFigures(() -> factory, () -> List.of("sap-b1"), Clock.systemUTC())) {
            BrokerFigures.Figures now = figures.now();
            assertThat(now.error()).startsWith("cannot reach RabbitMQ: ").containsIgnoringCase("connection refused");
            assertThat(now.queued()).doesNotContainKey("sap-b1");
        } finally {
            factory.destroy();
        }
    }

    @Test
    void aBrokerThatNeverAnswersIsDownWithinTheWaitNotAfterTheClientsTimeout() throws Exception {
        // a port that takes the connection and says nothing (a hung broker or a black-holing firewall)
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", silent.getLocalPort());
            try (BrokerFigures figures = new BrokerFigures(() -> factory, () -> List.of("sap-b1"), Clock.systemUTC())) {
                long start = System.nanoTime();
                BrokerFigures.Figures now = figures.now();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(now.error()).isEqualTo("RabbitMQ did not answer within 3 s");
                assertThat(millis).isBetween(BrokerFigures.WAIT.toMillis() - 100, BrokerFigures.WAIT.toMillis() + 2_000);
            } finally {
                factory.destroy();
            }
        }
    }
}
