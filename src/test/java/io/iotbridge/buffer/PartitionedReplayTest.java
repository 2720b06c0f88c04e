package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * A dead letter replayed while the ERP queues are partitioned goes to its sensor's partition queue,
 * also when it was dead-lettered without partition headers (before partitions were switched on),
 * instead of coming back unroutable. On a private RabbitMQ node: the machine's erp.* queues are others'.
 */
class PartitionedReplayTest {

    @Test
    void aDeadLetterWithoutPartitionHeadersIsReplayedIntoItsSensorsPartition() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        ErpPartitions partitions = new ErpPartitions(4);
        String sensor = "press07-temp";
        String id = sensor + ":1765000000000:7";
        try (PrivateRabbitMq rabbit = new PrivateRabbitMq().start()) {
            CachingConnectionFactory connections = RabbitConnections.connectionFactory(rabbit.url(),
                    new RabbitTopology(() -> List.of("sap-b1"), RabbitTopology.QueueType.AUTO, 5, false, partitions));
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
    }
}
