package io.iotbridge.historian;

import io.iotbridge.buffer.BrokerPublisher;
import io.iotbridge.buffer.Deliveries;
import io.iotbridge.buffer.Deliveries.Delivery;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.health.StageProgress;
import io.iotbridge.health.Stages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

/**
 * Batches of one historian queue (route file camel/historian.camel.yaml): each message becomes a
 * row, rows and their deliveries are gathered (bridge.historian.batch-size or
 * bridge.historian.batch-interval, whichever comes first) and written with one INSERT;
 * the deliveries are acknowledged only once it committed. While the database is away the batch is
 * tried again (the route's back-off) and the rest waits in the queue. A batch PostgreSQL refuses
 * for its data is written row by row, so only a bad row is set aside, to historian.dlq with the
 * reason, and the others are kept.
 */
public final class HistorianBatch implements AggregationStrategy {

    /** Exchange properties: one message's delivery; a batch's deliveries. */
    static final String DELIVERY = "iotHistorianDelivery";
    static final String DELIVERIES = "iotHistorianDeliveries";

    private static final Logger LOG = LoggerFactory.getLogger(HistorianBatch.class);

    private final String queue;
    private final StageProgress stage;
    private final Supplier<BrokerPublisher> publisher;
    private final String oneRow;
    private final Consumer<Exchange> rowParameters;

    /**
     * @param queue         the queue it reads (historian.readings or historian.outcomes), named in dead letters
     * @param oneRow        the endpoint that writes one row alone (the batch's INSERT)
     * @param rowParameters what the route does to a batch before its INSERT, done to one row alone
     */
    public HistorianBatch(String queue, Supplier<BrokerPublisher> publisher, String oneRow, Consumer<Exchange> rowParameters) {
        this.queue = queue;
        this.oneRow = oneRow;
        this.rowParameters = rowParameters;
        // not a readiness stage: the database being away must not take the bridge out of service
        this.stage = Stages.untracked(queue);
        this.publisher = publisher;
    }

    /** Before the row is made: the message's delivery, kept to acknowledge it once its batch is written. */
    public void received(Exchange exchange) {
        exchange.setProperty("iotReceivedBody", exchange.getMessage().getBody(String.class));
        exchange.setProperty(DELIVERY, Deliveries.received(exchange, stage));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange next) {
        Map<String, Object> row = next.getMessage().getBody(Map.class);
        Delivery delivery = next.getProperty(DELIVERY, Delivery.class);
        if (batch == null) {
            next.getMessage().setBody(new ArrayList<>(List.of(row)));
            List<Delivery> deliveries = new ArrayList<>();
            deliveries.add(delivery);
            next.setProperty(DELIVERIES, deliveries);
            return next;
        }
        batch.getMessage().getBody(List.class).add(row);
        batch.getProperty(DELIVERIES, List.class).add(delivery);
        return batch;
    }

    /** The batch committed: its messages leave the queue. */
    @SuppressWarnings("unchecked")
    public void acknowledge(Exchange exchange) {
        for (Delivery d : (List<Delivery>) exchange.getProperty(DELIVERIES, List.class)) {
            if (d != null) {
                Deliveries.acknowledge(d);
            }
        }
    }

    /**
     * PostgreSQL refused the batch for its data: each row alone (the same INSERT for one row); a refused row goes to historian.dlq with the reason. Should the database
     * go away meanwhile, the rows not yet written go back to the queue.
     */
    @SuppressWarnings("unchecked")
    public void rowByRow(Exchange exchange) {
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        List<Delivery> deliveries = exchange.getProperty(DELIVERIES, List.class);
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        try {
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> row = rows.get(i);
                Exchange one = template.send(oneRow, e -> {
                    e.getMessage().setBody(row);
                    rowParameters.accept(e);
                });
                Delivery d = deliveries.get(i);
                if (one.getException() == null) {
                    Deliveries.acknowledge(d);
                } else if (HistorianFailures.isTransient(one.getException())) {
                    LOG.warn("{}: the database went away while writing a batch row by row; {} rows go back to the queue: {}",
                            queue, rows.size() - i, one.getException().getMessage());
                    deliveries.subList(i, deliveries.size()).forEach(Deliveries::requeue);
                    return;
                } else {
                    deadLetter(d, "PostgreSQL refused the row: " + one.getException().getMessage());
                }
            }
        } finally {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping a producer template: {}", e.getMessage());
            }
        }
    }

    /** A message that is no reading (or outcome) the historian can store: to historian.dlq with the reason. */
    public void refuse(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Delivery d = exchange.getProperty(DELIVERY, Delivery.class);
        if (d != null) {
            deadLetter(d, "not stored: " + (cause == null ? "unreadable" : cause.getMessage()));
        }
    }

    private void deadLetter(Delivery d, String reason) {
        if (d == null) {
            return;
        }
        LOG.error("{}: {} set aside in {}: {}", queue, d.messageId(), RabbitTopology.HISTORIAN_DEAD_LETTERS, reason);
        MessageProperties props = new MessageProperties();
        d.headers().forEach(props::setHeader);
        props.setHeader(Deliveries.REASON, reason);
        props.setHeader(Deliveries.DEAD_LETTERED_AT, Instant.now().toString());
        props.setHeader(Deliveries.ROUTING_KEY, d.routingKey());
        props.setHeader("iotHistorianQueue", queue);
        try {
            publisher.get().publish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.HISTORIAN_DEAD_LETTERS,
                    d.messageId() == null ? queue + ":" + d.tag() : d.messageId(), d.body() == null ? "" : d.body(), props);
            Deliveries.acknowledge(d);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} could not be set aside ({}); it goes back to the queue", queue, d.messageId(), e.getMessage());
            Deliveries.requeue(d);
        }
    }
}
