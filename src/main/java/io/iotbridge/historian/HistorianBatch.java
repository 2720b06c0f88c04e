package io.iotbridge.historian;

import io.iotbridge.buffer.BatchMessage;
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
import java.util.Objects;
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

    /** Exchange properties: one message's delivery; a batch's deliveries (each once). */
    static final String DELIVERY = "iotHistorianDelivery";
    static final String DELIVERIES = "iotHistorianDeliveries";
    /** Exchange properties of a batch, one element per row: the delivery that brought it; its batch line, or null. */
    static final String ROW_DELIVERIES = "iotHistorianRowDeliveries";
    static final String ROW_LINES = "iotHistorianRowLines";
    /** Exchange properties of one message that is a batch of readings: its lines that are no reading; each row's line. */
    static final String REFUSED_LINES = "iotHistorianRefusedLines";
    static final String LINES = "iotHistorianLines";

    /** A line of a batch message that is no reading the historian can store, and why. */
    record RefusedLine(BatchMessage.Line line, String reason) {
    }

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

    /**
     * A batch message's lines that are no reading, each to historian.dlq alone with the reason
     * ({@link ReadingRows#rows}); the message itself is acknowledged with the batch its good rows
     * go into. Should a line not be set aside, the whole message goes back to the queue.
     */
    @SuppressWarnings("unchecked")
    public void setAside(Exchange exchange) {
        List<RefusedLine> refused = exchange.getProperty(REFUSED_LINES, List.class);
        Delivery d = exchange.getProperty(DELIVERY, Delivery.class);
        if (refused == null || refused.isEmpty()) {
            return;
        }
        try {
            for (RefusedLine r : refused) {
                String id = r.line().readingId() != null ? r.line().readingId()
                        : (d == null ? queue : d.messageId()) + "#" + r.line().number();
                publishDeadLetter(id, r.line().body(), r.line().headers(), d == null ? "" : d.routingKey(),
                        "not stored: " + r.reason());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: a line of {} could not be set aside ({}); the message goes back to the queue", queue,
                    d == null ? "a batch" : d.messageId(), e.getMessage());
            if (d != null) {
                Deliveries.requeue(d);
            }
            exchange.setProperty(DELIVERY, null);
            exchange.getMessage().setBody(new ArrayList<>());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange next) {
        Object body = next.getMessage().getBody();
        // a reading message gives a list of rows (a batch of readings gives many), an outcome one row
        List<Map<String, Object>> rows = body instanceof List<?> list ? (List<Map<String, Object>>) list
                : List.of((Map<String, Object>) body);
        List<String> lines = next.getProperty(LINES, List.class);
        Delivery delivery = next.getProperty(DELIVERY, Delivery.class);
        Exchange into = batch == null ? next : batch;
        if (batch == null) {
            next.getMessage().setBody(new ArrayList<>());
            next.setProperty(DELIVERIES, new ArrayList<Delivery>());
            next.setProperty(ROW_DELIVERIES, new ArrayList<Delivery>());
            next.setProperty(ROW_LINES, new ArrayList<String>());
        }
        into.getMessage().getBody(List.class).addAll(rows);
        if (delivery != null) {
            into.getProperty(DELIVERIES, List.class).add(delivery);
        }
        for (int i = 0; i < rows.size(); i++) {
            into.getProperty(ROW_DELIVERIES, List.class).add(delivery);
            into.getProperty(ROW_LINES, List.class).add(lines == null ? null : lines.get(i));
        }
        return into;
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
     * PostgreSQL refused the batch for its data: each row alone (the same INSERT for one row); a
     * refused row goes to historian.dlq with the reason (a row of a batch message alone, as its
     * line). Should the database go away meanwhile, the messages whose rows are not all written
     * go back to the queue (the INSERT skips the rows already there when they come again).
     */
    @SuppressWarnings("unchecked")
    public void rowByRow(Exchange exchange) {
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        List<Delivery> deliveries = exchange.getProperty(DELIVERIES, List.class);
        List<Delivery> rowDeliveries = exchange.getProperty(ROW_DELIVERIES, List.class);
        List<String> rowLines = exchange.getProperty(ROW_LINES, List.class);
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        try {
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> row = rows.get(i);
                Exchange one = template.send(oneRow, e -> {
                    e.getMessage().setBody(row);
                    rowParameters.accept(e);
                });
                Delivery d = rowDeliveries.get(i);
                String line = rowLines.get(i);
                if (one.getException() == null) {
                    continue;
                }
                if (HistorianFailures.isTransient(one.getException())) {
                    LOG.warn("{}: the database went away while writing a batch row by row; {} rows go back to the queue: {}",
                            queue, rows.size() - i, one.getException().getMessage());
                    rowDeliveries.subList(i, rowDeliveries.size()).stream().filter(Objects::nonNull).distinct()
                            .forEach(Deliveries::requeue);
                    break;
                }
                String reason = "PostgreSQL refused the row: " + one.getException().getMessage();
                if (line == null) {
                    deadLetter(d, reason);
                } else {
                    deadLetterLine(d, String.valueOf(row.get("reading_id")), line, reason);
                }
            }
            // those neither dead-lettered nor given back: every row of theirs is written
            deliveries.stream().filter(Objects::nonNull).forEach(Deliveries::acknowledge);
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
        try {
            publishDeadLetter(d.messageId() == null ? queue + ":" + d.tag() : d.messageId(), d.body() == null ? "" : d.body(),
                    d.headers(), d.routingKey(), reason);
            Deliveries.acknowledge(d);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} could not be set aside ({}); it goes back to the queue", queue, d.messageId(), e.getMessage());
            Deliveries.requeue(d);
        }
    }

    /** One row of a batch message to historian.dlq, alone; the message is acknowledged with the rest of its rows. */
    private void deadLetterLine(Delivery d, String readingId, String line, String reason) {
        try {
            publishDeadLetter(readingId, line, Map.of(), d == null ? "" : d.routingKey(), reason);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} could not be set aside ({}); its message goes back to the queue", queue, readingId, e.getMessage());
            if (d != null) {
                Deliveries.requeue(d);
            }
        }
    }

    private void publishDeadLetter(String id, String body, Map<String, ?> headers, String routingKey, String reason) {
        LOG.error("{}: {} set aside in {}: {}", queue, id, RabbitTopology.HISTORIAN_DEAD_LETTERS, reason);
        MessageProperties props = new MessageProperties();
        headers.forEach(props::setHeader);
        props.setHeader(Deliveries.REASON, reason);
        props.setHeader(Deliveries.DEAD_LETTERED_AT, Instant.now().toString());
        props.setHeader(Deliveries.ROUTING_KEY, routingKey);
        props.setHeader("iotHistorianQueue", queue);
        publisher.get().publish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.HISTORIAN_DEAD_LETTERS, id, body, props);
    }
}
