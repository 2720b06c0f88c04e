package io.iotbridge.buffer;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * The RabbitMQ topology (docs/architecture.md, "Delivery core"), the one place that declares it. It is declared each
 * time a connection is opened, so a broker that lost it (a restart of a non-durable embedded
 * broker, a fresh node) gets it back before any publish or consume on that connection.
 * docker/rabbitmq/definitions.json declares the same for pre-provisioned brokers.
 */
public class RabbitTopology implements ConnectionListener {

    public static final String READINGS_EXCHANGE = "iot.readings";
    public static final String DEAD_LETTER_EXCHANGE = "iot.dlx";
    public static final String REJECTED_QUEUE = "iot.rejected";
    /** The historian's queues (bridge.historian.enabled): every reading, every document outcome, and what it could not store. */
    public static final String HISTORIAN_READINGS = "historian.readings";
    public static final String HISTORIAN_OUTCOMES = "historian.outcomes";
    public static final String HISTORIAN_DEAD_LETTERS = "historian.dlq";

    private static final Logger LOG = LoggerFactory.getLogger(RabbitTopology.class);

    /** {@code bridge.rabbitmq.queue-type}: quorum, classic, or auto (quorum when the broker is RabbitMQ). */
    public enum QueueType { AUTO, QUORUM, CLASSIC }

    private final Supplier<List<String>> erps;
    private final QueueType queueType;
    private final int deliveryLimit;
    private final boolean historian;

    /** Without the historian's queues. */
    public RabbitTopology(Supplier<List<String>> erps, QueueType queueType, int deliveryLimit) {
        this(erps, queueType, deliveryLimit, false);
    }

    /**
     * @param erps          the enabled ERP modules, one queue each, asked at each declaration
     * @param queueType     which kind of queues to declare
     * @param deliveryLimit how often a quorum queue redelivers a message before dead-lettering it
     * @param historian     whether to declare the historian's queues (bridge.historian.enabled)
     */
    public RabbitTopology(Supplier<List<String>> erps, QueueType queueType, int deliveryLimit, boolean historian) {
        this.erps = erps;
        this.queueType = queueType;
        this.deliveryLimit = deliveryLimit;
        this.historian = historian;
    }

    public static String erpQueue(String erp) {
        return "erp." + erp;
    }

    public static String deadLetterQueue(String erp) {
        return erpQueue(erp) + ".dlq";
    }

    @Override
    public void onCreate(Connection connection) {
        try (Channel channel = connection.createChannel(false)) {
            declare(channel, "RabbitMQ".equals(String.valueOf(
                    channel.getConnection().getServerProperties().get("product"))));
        } catch (IOException | TimeoutException e) {
            throw new AmqpIOException("declaring the iot.readings topology failed: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * @param rabbitMq whether the broker is RabbitMQ; the embedded Qpid broker has no quorum queues
     *                 and ignores RabbitMQ's dead-letter arguments, so there a queue dead-letters
     *                 through Qpid's own alternate exchange, which keeps the original routing key
     */
    void declare(Channel channel, boolean rabbitMq) throws IOException {
        boolean quorum = queueType == QueueType.QUORUM || queueType == QueueType.AUTO && rabbitMq;
        channel.exchangeDeclare(READINGS_EXCHANGE, "topic", true);
        channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, rabbitMq ? "direct" : "topic", true);
        channel.queueDeclare(REJECTED_QUEUE, true, false, false, queueArguments(Map.of(), quorum));
        List<String> modules = erps.get();
        for (String erp : modules) {
            String queue = erpQueue(erp);
            Map<String, Object> deadLettering = rabbitMq
                    ? Map.of("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", queue)
                    : Map.of("alternateExchange", DEAD_LETTER_EXCHANGE, "x-qpid-maximum-delivery-count", 1);
            channel.queueDeclare(queue, true, false, false, queueArguments(deadLettering, quorum));
            channel.queueBind(queue, READINGS_EXCHANGE, erp + ".#");
            channel.queueDeclare(deadLetterQueue(erp), true, false, false, queueArguments(Map.of(), quorum));
            // dead letters the bridge publishes with their reason use the key erp.<erp>
            channel.queueBind(deadLetterQueue(erp), DEAD_LETTER_EXCHANGE, queue);
            if (!rabbitMq) {
                // Qpid's alternate exchange keeps a rejected message's original key <erp>.<kind>.<machine>
                channel.queueBind(deadLetterQueue(erp), DEAD_LETTER_EXCHANGE, erp + ".#");
            }
        }
        if (historian) {
            declareHistorian(channel, rabbitMq, quorum);
        }
        LOG.info("Topology declared on {}: exchange {} -> queues {} ({} queues), dead letters via {}, refused readings in {}",
                rabbitMq ? "RabbitMQ" : "the embedded broker", READINGS_EXCHANGE,
                modules.stream().map(RabbitTopology::erpQueue).toList(), quorum ? "quorum" : "classic",
                DEAD_LETTER_EXCHANGE, REJECTED_QUEUE);
    }

    /**
     * The historian's own queues: a copy of every reading (binding {@code #} on iot.readings) and
     * every document outcome (exchange iot.outcomes), so that while its database is away they wait
     * here and ERP delivery goes on. On RabbitMQ what passes the delivery limit goes to
     * historian.dlq; the embedded broker's alternate exchange would keep the reading's own routing
     * key and file it among an ERP's dead letters, so there it has none.
     */
    private void declareHistorian(Channel channel, boolean rabbitMq, boolean quorum) throws IOException {
        channel.exchangeDeclare(DocumentOutcomes.EXCHANGE, "topic", true);
        Map<String, Object> deadLettering = rabbitMq
                ? Map.of("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", HISTORIAN_DEAD_LETTERS)
                : Map.of();
        channel.queueDeclare(HISTORIAN_READINGS, true, false, false, queueArguments(deadLettering, quorum));
        channel.queueBind(HISTORIAN_READINGS, READINGS_EXCHANGE, "#");
        channel.queueDeclare(HISTORIAN_OUTCOMES, true, false, false, queueArguments(deadLettering, quorum));
        channel.queueBind(HISTORIAN_OUTCOMES, DocumentOutcomes.EXCHANGE, "#");
        channel.queueDeclare(HISTORIAN_DEAD_LETTERS, true, false, false, queueArguments(Map.of(), quorum));
        channel.queueBind(HISTORIAN_DEAD_LETTERS, DEAD_LETTER_EXCHANGE, HISTORIAN_DEAD_LETTERS);
    }

    private Map<String, Object> queueArguments(Map<String, Object> base, boolean quorum) {
        Map<String, Object> args = new HashMap<>(base);
        if (quorum) {
            args.put("x-queue-type", "quorum");
            args.put("x-delivery-limit", deliveryLimit);
        }
        return args;
    }
}
