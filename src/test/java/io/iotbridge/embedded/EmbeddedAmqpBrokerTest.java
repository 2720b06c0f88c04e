package io.iotbridge.embedded;

import io.iotbridge.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The embedded Qpid broker, driven the way the bridge drives RabbitMQ: Spring AMQP over AMQP 0-9-1. */
class EmbeddedAmqpBrokerTest {

    @TempDir
    static Path workDir;

    static EmbeddedAmqpBroker broker;
    static CachingConnectionFactory connectionFactory;
    static RabbitAdmin admin;
    static RabbitTemplate template;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedAmqpBroker(FreePorts.next(), workDir);
        broker.start();
        // the URI the bridge will be given: default vhost "/" must reach Qpid's default virtual host
        connectionFactory = new CachingConnectionFactory(URI.create(broker.amqpUri()));
        connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connectionFactory.setPublisherReturns(true);
        admin = new RabbitAdmin(connectionFactory);
        template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
    }

    @AfterAll
    static void stopBroker() {
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void confirmedPublishIsConsumedWithBodyAndMessageId() throws Exception {
        TopicExchange readings = new TopicExchange("iot.readings", true, false);
        Queue queue = QueueBuilder.durable("erp.confirm-test").build();
        admin.declareExchange(readings);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(readings).with("confirm-test.meter.*"));

        CorrelationData correlation = new CorrelationData("press07-temp:1764000000123:1");
        template.convertAndSend("iot.readings", "confirm-test.meter.PRESS-07", "{\"value\":71.3}", message -> {
            message.getMessageProperties().setMessageId(correlation.getId());
            message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            return message;
        }, correlation);

        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
        Message received = template.receive("erp.confirm-test", 10_000);
        assertThat(received).isNotNull();
        assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":71.3}");
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo("press07-temp:1764000000123:1");
        assertThat(received.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    }

    @Test
    void unroutableMandatoryMessageIsReturnedAndNacked() throws Exception {
        admin.declareExchange(new TopicExchange("iot.readings", true, false));
        CountDownLatch returned = new CountDownLatch(1);
        AtomicReference<ReturnedMessage> returnedMessage = new AtomicReference<>();
        RabbitTemplate returning = new RabbitTemplate(connectionFactory);
        returning.setMandatory(true);
        returning.setReturnsCallback(r -> {
            returnedMessage.set(r);
            returned.countDown();
        });

        CorrelationData correlation = new CorrelationData("unroutable");
        returning.convertAndSend("iot.readings", "nobody.listens.here", "lost?", correlation);

        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(returnedMessage.get().getReplyCode()).isEqualTo(312); // NO_ROUTE
        // unlike RabbitMQ (return, then ack), Qpid answers an unroutable mandatory publish with a nack
        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).isAck()).isFalse();
    }

    @Test
    void rabbitQuorumArgumentsAreAcceptedAndQpidArgumentsDeadLetterOnReject() {
        TopicExchange dlx = new TopicExchange("iot.dlx", true, false);
        Queue dlq = QueueBuilder.durable("erp.dl-test.dlq").build();
        admin.declareExchange(dlx);
        admin.declareQueue(dlq);
        // Qpid keeps the original routing key (x-dead-letter-routing-key is ignored), so bind broadly
        admin.declareBinding(BindingBuilder.bind(dlq).to(dlx).with("#"));
        Queue queue = new Queue("erp.dl-test", true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", "iot.dlx",
                "x-dead-letter-routing-key", "erp.dl-test.dlq",
                "x-delivery-limit", 5,
                EmbeddedAmqpBroker.QPID_ALTERNATE_EXCHANGE, "iot.dlx",
                EmbeddedAmqpBroker.QPID_MAX_DELIVERY_COUNT, 1));
        admin.declareQueue(queue);
        template.convertAndSend("", "erp.dl-test", "poison");

        Boolean rejected = template.execute(channel -> {
            AtomicReference<GetResponse> delivery = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                delivery.set(channel.basicGet("erp.dl-test", false));
                return delivery.get() != null;
            });
            // what Spring AMQP sends for a listener exception when requeue-rejected is off
            channel.basicReject(delivery.get().getEnvelope().getDeliveryTag(), false);
            return true;
        });
        assertThat(rejected).isTrue();

        AtomicReference<Message> deadLetter = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            deadLetter.set(template.receive("erp.dl-test.dlq"));
            return deadLetter.get() != null;
        });
        assertThat(new String(deadLetter.get().getBody(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(template.receive("erp.dl-test")).isNull();
    }
}
