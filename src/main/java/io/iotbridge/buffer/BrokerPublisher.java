package io.iotbridge.buffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

/**
 * Publishes persistent messages and returns only once the broker confirmed it took them. The
 * publish is mandatory: a message no queue is bound for comes back and fails the call instead
 * of vanishing (camel-spring-rabbitmq's producer cannot set the mandatory flag, hence this bean).
 * Publishes go over the {@link ConfirmChannel}, many at once; the bridge's consumers stay on
 * Spring's connection, whose listener declares the topology before the first publish.
 */
public class BrokerPublisher implements AutoCloseable {

    /** Headers a route sets to say where a message goes. */
    public static final String EXCHANGE = "iotPublishExchange";
    public static final String ROUTING_KEY = "iotPublishRoutingKey";
    public static final String MESSAGE_ID = "iotMessageId";

    private final ConfirmChannel channel;
    private final DefaultMessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();
    private final Duration confirmTimeout;

    public BrokerPublisher(CachingConnectionFactory connectionFactory, Duration confirmTimeout) {
        // Spring's connection is opened before each new publisher connection, as its listener declares
        // the exchanges and queues; not on every publish, which re-opened a consumer connection
        // RabbitMQ had dropped on the reading's thread
        this.channel = new ConfirmChannel(connectionFactory.getRabbitConnectionFactory(), "iot-erp-bridge-publisher",
                connectionFactory::createConnection);
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Publishes the exchange's body (text) to {@link #EXCHANGE} with {@link #ROUTING_KEY}; the
     * message id is {@link #MESSAGE_ID}, and every {@code iot*} header travels along.
     */
    public void publish(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        try {
            send(exchange).get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerPublishException("interrupted waiting for the broker's confirm of "
                    + exchange.getMessage().getHeader(MESSAGE_ID, String.class), e);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(e);
        }
    }

    /**
     * As {@link #publish(Exchange)}, without waiting: the future completes when the broker
     * confirmed, and fails as publish would throw (refused, unroutable, no confirm in time).
     */
    public CompletableFuture<Void> send(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        org.apache.camel.Message in = exchange.getMessage();
        MessageProperties props = new MessageProperties();
        travelling(in).forEach(props::setHeader);
        return send(in.getHeader(EXCHANGE, "", String.class), in.getHeader(ROUTING_KEY, String.class),
                in.getHeader(MESSAGE_ID, String.class), in.getMandatoryBody(String.class), props);
    }

    /** Publishes one message; throws unless the broker confirmed it and routed it to a queue. */
    public void publish(String exchange, String routingKey, String messageId, String body, MessageProperties props) {
        try {
            send(exchange, routingKey, messageId, body, props).get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerPublishException("interrupted waiting for the broker's confirm of " + messageId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(e);
        }
    }

    /** As {@link #publish(String, String, String, String, MessageProperties)}, without waiting for the confirm. */
    public CompletableFuture<Void> send(String exchange, String routingKey, String messageId, String body,
                                         MessageProperties props) {
        return send(exchange, routingKey, messageId, body, props, MessageProperties.CONTENT_TYPE_JSON);
    }

    /** As {@link #send(String, String, String, String, MessageProperties)}, with a content type of its own. */
    CompletableFuture<Void> send(String exchange, String routingKey, String messageId, String body,
                                 MessageProperties props, String contentType) {
        props.setMessageId(messageId);
        props.setContentType(contentType);
        props.setContentEncoding(StandardCharsets.UTF_8.name());
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        String target = describe(exchange, routingKey);
        return channel.publish(exchange, routingKey, converter.fromMessageProperties(props, StandardCharsets.UTF_8.name()),
                        body.getBytes(StandardCharsets.UTF_8), confirmTimeout)
                .handle((confirm, error) -> {
                    if (error instanceof TimeoutException) {
                        throw new BrokerPublishException("no confirm from the broker within " + confirmTimeout
                                + " for " + messageId + " (to " + target + ")", error);
                    }
                    if (error != null) {
                        throw new BrokerPublishException("no confirm from the broker for " + messageId + " (to " + target
                                + "): " + error.getMessage(), error);
                    }
                    // the broker returns an unroutable message before it confirms it
                    if (confirm.returned() != null) {
                        throw new UnroutableMessageException(messageId, target, confirm.returned());
                    }
                    if (!confirm.ack()) {
                        throw new BrokerPublishException("the broker refused " + messageId + " (to " + target + ")");
                    }
                    return null;
                });
    }

    /** The headers that travel with a reading: every {@code iot*} one but those that say where it goes. */
    static Map<String, Object> travelling(org.apache.camel.Message in) {
        Map<String, Object> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (name.startsWith("iot") && !name.startsWith("iotPublish") && value != null) {
                headers.put(name, value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
        });
        return headers;
    }

    /** Closes the publishing connection (the bridge stopped). */
    @Override
    public void close() {
        channel.close();
    }

    /** What a failed future of {@link #send} failed with, as publish throws it. */
    private static RuntimeException failure(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException r ? r : new BrokerPublishException(cause.getMessage(), cause);
    }

    private static String describe(String exchange, String routingKey) {
        return (exchange.isEmpty() ? "the default exchange" : "exchange " + exchange) + ", routing key " + routingKey;
    }

    /** A publish the broker did not confirm: transient, retried. */
    public static class BrokerPublishException extends RuntimeException {
        BrokerPublishException(String message) {
            super(message);
        }

        BrokerPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
