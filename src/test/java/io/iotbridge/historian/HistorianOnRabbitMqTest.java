package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.iotbridge.BridgeHarness;
import io.iotbridge.faults.PrivateRabbitMq;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The historian's topology on a real RabbitMQ (a node of the test's own, never the machine's,
 * whose queue names other runs share): quorum queues with the delivery limit and dead-lettering to
 * historian.dlq, as the bridge declares them, and readings flowing through them into the rows.
 */
class HistorianOnRabbitMqTest {

    private PrivateRabbitMq rabbit;
    private BridgeHarness bridge;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void historianQueuesAreQuorumQueuesDeadLetteringToHistorianDlqAndCarryReadingsIntoRows() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        rabbit = new PrivateRabbitMq().start();
        bridge = new BridgeHarness()
                .with("bridge.rabbitmq.url", rabbit.url())
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.batch-interval", "200")
                .start();

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.url());
        try (Connection connection = factory.newConnection()) {
            for (String queue : new String[] {"historian.readings", "historian.outcomes"}) {
                try (Channel channel = connection.createChannel()) {
                    // declaring it again with other arguments would close the channel (PRECONDITION_FAILED)
                    channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 5,
                            "x-dead-letter-exchange", "iot.dlx", "x-dead-letter-routing-key", "historian.dlq"));
                }
            }
            try (Channel channel = connection.createChannel()) {
                channel.queueDeclare("historian.dlq", true, false, false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 5));
            }
        }

        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(bridge.postJson("/readings", HistorianTest.reading(77.5, ts, 3)).statusCode()).isEqualTo(202);
        String query = "/historian/readings?sensorId=press07-energy&from=" + enc(ts.toString()) + "&to="
                + enc(ts.plusMillis(1).toString());
        Awaitility.await("the reading stored from RabbitMQ's historian.readings").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> bridge.getJson(query).size() == 1);
        assertThat(bridge.getJson(query).get(0).path("value").asDouble()).isEqualTo(77.5);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
