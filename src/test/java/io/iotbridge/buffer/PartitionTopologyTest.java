package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.iotbridge.faults.PrivateRabbitMq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * The partitioned topology on a private RabbitMQ node (the machine's erp.* queues are others'): an
 * instance with fewer partitions than the queues present is refused, and a dead letter replayed goes
 * to its sensor's partition queue, also when it was dead-lettered without partition headers (before
 * partitions were switched on) instead of coming back unroutable.
 */
class PartitionTopologyTest {

    private static PrivateRabbitMq rabbit;

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        rabbit = new PrivateRabbitMq().start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void anInstanceWithFewerPartitionsThanTheQueuesPresentIsRefusedNamingTheQueue() {
        CachingConnectionFactory four = factory("infor", 4);
        CachingConnectionFactory two = factory("infor", 2);
        CachingConnectionFactory alsoFour = factory("infor", 4);
        try {
            four.createConnection().close();
            assertThatThrownBy(two::createConnection).hasMessageContaining("queue erp.infor.2 exists")
                    .hasMessageContaining("bridge.erp.partitions=2");
            // the same N is welcome
            alsoFour.createConnection().close();
        } finally {
            four.destroy();
            two.destroy();
            alsoFour.destroy();
        }
    }

    @Test
    void aDeadLetterWithoutPartitionHeadersIsReplayedIntoItsSensorsPartition() throws Exception {
        ErpPartitions partitions = new ErpPartitions(4);
        String sensor = "press07-temp";
        String id = sensor + ":1765000000000:7";
        CachingConnectionFactory connections = factory("sap-b1", partitions.count());
        try (BrokerPublisher publisher = new BrokerPublisher(connections, Duration.ofSeconds(10))) {
            MessageProperties props = new MessageProperties();
            props.setHeader("iotSensorId", sensor);
            props.setHeader("iotKind", "meter");
            props.setHeader(Deliveries.REASON, "refused by the ERP");
            props.setHeader(Deliveries.ROUTING_KEY, "sap-b1.meter.PRESS-07");
            publisher.publish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.erpQueue("sap-b1"), id,
                    "{\"sensorId\":\"press07-temp\"}", props);

            List<DeadLetter> replayed = new DeadLetters(connections, publisher, () -> List.of("sap-b1"), partitions)
                    .replay(id);

            assertThat(replayed).extracting(DeadLetter::id).containsExactly(id);
            String queue = ErpPartitions.queue("sap-b1", ErpPartitions.partition(sensor, 4));
            try (Connection connection = connections.createConnection();
                 Channel channel = connection.createChannel(false)) {
                // a single-active-consumer queue takes no basic.get: consumed as the bridge does
                BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
                channel.basicConsume(queue, true, (tag, delivery) -> got.add(delivery), tag -> { });
                Delivery delivery = got.poll(10, TimeUnit.SECONDS);
                assertThat(delivery).as("the replay in %s", queue).isNotNull();
                assertThat(delivery.getProperties().getMessageId()).isEqualTo(id);
                assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).contains("press07-temp");
            }
        } finally {
            connections.destroy();
        }
    }

    private static CachingConnectionFactory factory(String erp, int partitions) {
        return RabbitConnections.connectionFactory(rabbit.url(), new RabbitTopology(() -> List.of(erp),
                RabbitTopology.QueueType.AUTO, 5, false, new ErpPartitions(partitions)));
    }
}
