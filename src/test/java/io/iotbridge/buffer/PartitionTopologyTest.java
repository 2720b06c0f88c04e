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
            List<Delivery> got = consume(connections, queue, 1);
            assertThat(got).as("the replay in %s", queue).hasSize(1);
            assertThat(got.get(0).getProperties().getMessageId()).isEqualTo(id);
            assertThat(new String(got.get(0).getBody(), StandardCharsets.UTF_8)).contains("press07-temp");
        } finally {
            connections.destroy();
        }
    }

    @Test
    void readingsOfOneRoutingKeyInTwoPartitionsAreBatchedApartEachToItsPartition() throws Exception {
        ErpPartitions partitions = new ErpPartitions(2);
        String erp = "dynamics365";
        String first = "press07-a";
        String second = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "press07-b" + i)
                .filter(s -> ErpPartitions.partition(s, 2) != ErpPartitions.partition(first, 2)).findFirst().orElseThrow();
        CachingConnectionFactory connections = factory(erp, partitions.count());
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        org.apache.camel.CamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        try (BrokerPublisher publisher = new BrokerPublisher(connections, Duration.ofSeconds(10));
             ReadingBatches batches = new ReadingBatches(publisher, 200, Duration.ofMillis(200), timer)) {
            List<java.util.concurrent.CompletableFuture<Void>> sent = new java.util.ArrayList<>();
            for (String sensor : List.of(first, second, first, second)) {
                org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(camel);
                org.apache.camel.Message in = exchange.getMessage();
                in.setHeader(BrokerPublisher.EXCHANGE, RabbitTopology.READINGS_EXCHANGE);
                in.setHeader(BrokerPublisher.ROUTING_KEY, erp + ".meter.PRESS-07");
                in.setHeader(BrokerPublisher.MESSAGE_ID, sensor + ":1765000000000:" + sent.size());
                in.setHeader("iotKind", "meter");
                partitions.headers(erp, sensor).forEach(in::setHeader);
                in.setBody("{\"sensorId\":\"" + sensor + "\"}");
                sent.add(batches.add(exchange));
            }
            java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(20, TimeUnit.SECONDS);

            for (String sensor : List.of(first, second)) {
                String queue = ErpPartitions.queue(erp, ErpPartitions.partition(sensor, 2));
                List<Delivery> got = consume(connections, queue, 1);
                assertThat(got).as("one batch in %s, nothing else", queue).hasSize(1);
                assertThat(got.get(0).getProperties().getHeaders()).containsEntry(BatchMessage.COUNT, 2);
                assertThat(BatchMessage.lines(new String(got.get(0).getBody(), StandardCharsets.UTF_8)))
                        .as("the batch in %s holds its sensor's readings only", queue)
                        .extracting(l -> l.reading().path("sensorId").asText()).containsExactly(sensor, sensor);
            }
        } finally {
            timer.shutdownNow();
            connections.destroy();
        }
    }

    /**
     * What a queue holds: waits (10 s at most) for {@code expected} messages, then half a second for
     * any more. A single-active-consumer queue takes no basic.get: consumed as the bridge does.
     */
    private static List<Delivery> consume(CachingConnectionFactory connections, String queue, int expected) throws Exception {
        try (Connection connection = connections.createConnection();
             Channel channel = connection.createChannel(false)) {
            BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, true, (tag, delivery) -> got.add(delivery), tag -> { });
            List<Delivery> all = new java.util.ArrayList<>();
            for (int i = 0; i < expected; i++) {
                Delivery d = got.poll(10, TimeUnit.SECONDS);
                if (d == null) {
                    return all;
                }
                all.add(d);
            }
            Delivery more = got.poll(500, TimeUnit.MILLISECONDS);
            if (more != null) {
                all.add(more);
            }
            return all;
        }
    }

    private static CachingConnectionFactory factory(String erp, int partitions) {
        return RabbitConnections.connectionFactory(rabbit.url(), new RabbitTopology(() -> List.of(erp),
                RabbitTopology.QueueType.AUTO, 5, false, new ErpPartitions(partitions)));
    }
}
