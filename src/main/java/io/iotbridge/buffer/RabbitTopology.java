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
    private final ErpPartitions partitions;

    /** Without the historian's queues, one queue per ERP. */
    public RabbitTopology(Supplier<List<String>> erps, QueueType queueType, int deliveryLimit) {
        this(erps, queueType, deliveryLimit, false, new ErpPartitions(0));
    }

    /**
     * @param erps          the enabled ERP modules, one queue each, asked at each declaration
     * @param queueType     which kind of queues to declare
     * @param deliveryLimit how often a quorum queue redelivers a message before dead-lettering it
     * @param historian     whether to declare the historian's queues (bridge.historian.enabled)
     * @param partitions    one queue per ERP, or N partition queues (bridge.erp.partitions)
     */
    public RabbitTopology(Supplier<List<String>> erps, QueueType queueType, int deliveryLimit, boolean historian,
                          ErpPartitions partitions) {
        this.erps = erps;
        this.queueType = queueType;
        this.deliveryLimit = deliveryLimit;
        this.historian = historian;
        this.partitions = partitions;
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
            boolean rabbitMq = "RabbitMQ".equals(String.valueOf(channel.getConnection().getServerProperties().get("product")));
            declare(channel, rabbitMq);
            if (partitions.count() > 0) {
                refuseMorePartitions(connection);
            }
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
        if (partitions.count() > 0) {
            declarePartitions(channel, rabbitMq, modules, quorum);
        }
        for (String erp : partitions.count() > 0 ? List.<String>of() : modules) {
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
                modules.stream().flatMap(erp -> partitions.queues(erp).stream()).toList(), quorum ? "quorum" : "classic",
                DEAD_LETTER_EXCHANGE, REJECTED_QUEUE);
    }

    /**
     * Each module's N partition queues, with single active consumer (the broker makes one consumer
     * at a time the owner of a queue), dead-lettering as erp.<erp> does, bound to the headers
     * exchange iot.partitions by the module and partition headers {@link ErpPartitions#mark} sets;
     * iot.partitions takes every reading of iot.readings ({@code #}, exchange to exchange), so the
     * routing keys and the historian's copy stay as they are.
     */
    private void declarePartitions(Channel channel, boolean rabbitMq, List<String> modules, boolean quorum) throws IOException {
        if (!rabbitMq) {
            throw new IOException("bridge.erp.partitions=" + partitions.count() + " needs RabbitMQ (single active consumer, "
                    + "headers exchange); this broker is not RabbitMQ");
        }
        channel.exchangeDeclare(ErpPartitions.EXCHANGE, "headers", true);
        channel.exchangeBind(ErpPartitions.EXCHANGE, READINGS_EXCHANGE, "#");
        for (String erp : modules) {
            Map<String, Object> args = new HashMap<>(Map.of("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE,
                    "x-dead-letter-routing-key", erpQueue(erp), "x-single-active-consumer", true));
            for (int k = 0; k < partitions.count(); k++) {
                String queue = ErpPartitions.queue(erp, k);
                channel.queueDeclare(queue, true, false, false, queueArguments(args, quorum));
                channel.queueBind(queue, ErpPartitions.EXCHANGE, "", Map.of("x-match", "all",
                        ErpPartitions.ERP_HEADER, erp, ErpPartitions.PARTITION_HEADER, String.valueOf(k)));
            }
            channel.queueDeclare(deadLetterQueue(erp), true, false, false, queueArguments(Map.of(), quorum));
            channel.queueBind(deadLetterQueue(erp), DEAD_LETTER_EXCHANGE, erpQueue(erp));
        }
    }

    /**
     * Every instance must split by the same N, or a sensor would have two owners. A queue beyond
     * this instance's N means another runs with more: refused. (One with fewer is refused when it
     * starts after this one.)
     */
    private void refuseMorePartitions(Connection connection) throws IOException {
        for (String erp : erps.get()) {
            String beyond = ErpPartitions.queue(erp, partitions.count());
            try (Channel probe = connection.createChannel(false)) {
                probe.queueDeclarePassive(beyond);
            } catch (IOException | TimeoutException e) {
                continue; // absent, as it should be (a failed passive declaration closes its channel)
            }
            throw new IOException("queue " + beyond + " exists, so some instance runs with more than bridge.erp.partitions="
                    + partitions.count() + "; every instance must have the same, and queues of an earlier, larger one "
                    + "must be drained and deleted");
        }
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
