package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.FreePorts;
import io.iotbridge.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The publisher on the machine's RabbitMQ: thousands of publishes waiting for their confirms at
 * once all land; an unroutable one fails naming where it went; a lost connection fails what was
 * unconfirmed on it, and the next publish goes out on a new one. Skipped without RabbitMQ,
 * failed in CI (IOTBRIDGE_REQUIRE_BROKERS).
 */
class BrokerPublisherTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EXCHANGE = "publisher-test-" + RUN;
    private static final String QUEUE = "publisher-test-" + RUN;

    private CachingConnectionFactory admin;
    private RabbitAdmin rabbitAdmin;

    @BeforeEach
    void declare() {
        ExternalBrokersTest.requireBroker("RabbitMQ", 5672);
        admin = new CachingConnectionFactory(URI.create(ExternalBrokersTest.RABBITMQ));
        rabbitAdmin = new RabbitAdmin(admin);
        DirectExchange exchange = new DirectExchange(EXCHANGE, false, true);
        Queue queue = new Queue(QUEUE, false, false, false);
        rabbitAdmin.declareExchange(exchange);
        rabbitAdmin.declareQueue(queue);
        Binding binding = BindingBuilder.bind(queue).to(exchange).with("meter");
        rabbitAdmin.declareBinding(binding);
    }

    @AfterEach
    void remove() {
        if (rabbitAdmin != null) {
            rabbitAdmin.deleteQueue(QUEUE);
            rabbitAdmin.deleteExchange(EXCHANGE);
            admin.destroy();
        }
    }

    @Test
    void manyPublishesInFlightAtOnceAllLand() throws Exception {
        try (BrokerPublisher publisher = publisher(ExternalBrokersTest.RABBITMQ)) {
            List<CompletableFuture<Void>> confirms = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                confirms.add(send(publisher, "meter", "reading-" + i));
            }
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(rabbitAdmin.getQueueInfo(QUEUE).getMessageCount()).isEqualTo(5000);
    }

    /** The point of ConfirmChannel: thousands in flight on one connection, not a channel each. */
    @Test
    void thousandsInFlightShareOneConnection() throws Exception {
        CachingConnectionFactory spring = new CachingConnectionFactory(URI.create(ExternalBrokersTest.RABBITMQ));
        AtomicInteger opened = new AtomicInteger();
        List<CompletableFuture<ConfirmChannel.Outcome>> outcomes = new ArrayList<>();
        try (ConfirmChannel channel = new ConfirmChannel(spring.getRabbitConnectionFactory(), "publisher-test", opened::incrementAndGet)) {
            for (int i = 0; i < 5000; i++) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("in-flight-" + i).build();
                outcomes.add(channel.publish(EXCHANGE, "meter", props, new byte[] {'1'}, Duration.ofSeconds(30)));
            }
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            spring.destroy();
        }
        assertThat(opened).hasValue(1);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.join().ack()).isTrue());
        assertThat(rabbitAdmin.getQueueInfo(QUEUE).getMessageCount()).isEqualTo(5000);
    }

    @Test
    void anUnroutablePublishFailsNamingWhereItWent() throws Exception {
        try (BrokerPublisher publisher = publisher(ExternalBrokersTest.RABBITMQ)) {
            CompletableFuture<Void> routed = send(publisher, "meter", "routed");
            CompletableFuture<Void> unroutable = send(publisher, "nowhere", "unroutable");
            routed.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> unroutable.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UnroutableMessageException.class)
                    .hasMessageContaining("unroutable").hasMessageContaining("routing key nowhere");
        }
        assertThat(rabbitAdmin.getQueueInfo(QUEUE).getMessageCount()).isEqualTo(1);
    }

    @Test
    void aLostConnectionFailsWhatWasUnconfirmedAndTheNextPublishUsesANewOne() throws Exception {
        try (TcpProxy proxy = new TcpProxy(FreePorts.next(), 5672).restore();
             BrokerPublisher publisher = publisher("amqp://guest:guest@127.0.0.1:" + proxy.port())) {
            send(publisher, "meter", "before").get(30, TimeUnit.SECONDS);
            proxy.cut();
            CompletableFuture<Void> during = send(publisher, "meter", "during");
            assertThatThrownBy(() -> during.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BrokerPublisher.BrokerPublishException.class).hasMessageContaining("during");
            proxy.restore();
            send(publisher, "meter", "after").get(30, TimeUnit.SECONDS);
        }
        // "during" may or may not have reached the queue before the cut: the caller retries it
        assertThat(rabbitAdmin.getQueueInfo(QUEUE).getMessageCount()).isBetween(2, 3);
    }

    private static BrokerPublisher publisher(String url) {
        return new BrokerPublisher(new CachingConnectionFactory(URI.create(url)), Duration.ofSeconds(10));
    }

    private static CompletableFuture<Void> send(BrokerPublisher publisher, String routingKey, String id) {
        return publisher.send(EXCHANGE, routingKey, id, "{\"id\":\"" + id + "\"}", new MessageProperties());
    }
}
