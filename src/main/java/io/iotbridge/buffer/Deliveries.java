package io.iotbridge.buffer;

import com.rabbitmq.client.Channel;
import io.iotbridge.health.StageProgress;
import io.iotbridge.health.Stages;
import io.iotbridge.status.SensorActivity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

/**
 * The RabbitMQ deliveries behind an exchange, settled by hand: acknowledged once the ERP has
 * accepted the document that carries them, or dead-lettered with the reason when it refused it.
 * An aggregated exchange (a meter window) carries the deliveries of every reading folded into
 * it. Each delivery is settled at most once, so an ack after a dead-letter is a no-op.
 *
 * <p>A delivery whose channel closed meanwhile (broker restart) cannot be settled; the broker
 * redelivers it, and the document keys make the replay idempotent.
 */
public class Deliveries {

    /** Exchange property holding the collected deliveries of an aggregate. */
    public static final String PROPERTY = "iotDeliveries";
    /** Headers a dead letter carries besides the reading's own iot* headers. */
    public static final String REASON = "iotDeadLetterReason";
    public static final String DEAD_LETTERED_AT = "iotDeadLetteredAt";
    public static final String ROUTING_KEY = "iotRoutingKey";
    /** The document the reading travelled in; a replay takes the readings of one document together. */
    public static final String GROUP = "iotDocumentGroup";
    /** Exchange property {@link #deadLetter} sets to the reason: the document was refused for good. */
    public static final String REFUSED = "iotDocumentRefused";
    static final java.util.Set<String> DEAD_LETTER_HEADERS = java.util.Set.of(REASON, DEAD_LETTERED_AT, ROUTING_KEY, GROUP);

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** About 292 years: the longest age whose nanoseconds fit a long. */
    static final long MAX_AGE_MILLIS = Long.MAX_VALUE / 1_000_000;
    private static final String CHANNEL = "CamelSpringRabbitmqChannel";
    private static final String DELIVERY_TAG = "CamelSpringRabbitmqDeliveryTag";
    private static final String RECEIVED_ROUTING_KEY = "CamelSpringRabbitmqRoutingKey";
    private static final String MESSAGE_ID = "CamelSpringRabbitmqMessageId";

    private final BrokerPublisher publisher;
    private final Stages stages;
    private final SensorActivity activity;

    public Deliveries(BrokerPublisher publisher, Stages stages, SensorActivity activity) {
        this.publisher = publisher;
        this.stages = stages;
        this.activity = activity;
    }

    /** One reading as it came from the queue: enough to acknowledge it or to dead-letter a copy. */
    public record Delivery(Channel channel, long tag, String messageId, String routingKey, String body,
                    Map<String, Object> headers, AtomicBoolean settled, StageProgress stage) {

        /** Marks it settled; true for the one caller that may settle it. */
        boolean take() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            stage.done(this);
            return true;
        }

        // one delivery is one object: the stage keeps it by identity, not by its (large) fields
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The stage {@code erp.<erp>}: readings taken from the module's queue and not yet settled. */
    public StageProgress stage(String erp) {
        return stages.stage(RabbitTopology.erpQueue(erp), work -> work instanceof Delivery d && !d.channel().isOpen());
    }

    /** The exchange's own delivery (a reading taken from the queue), to settle later; null when it has none. */
    public Delivery delivery(Exchange exchange) {
        List<Delivery> own = listOf(exchange);
        return own.isEmpty() ? null : own.get(0);
    }

    /** Acknowledges one delivery; true when the broker took the acknowledgement. */
    public static boolean acknowledge(Delivery delivery) {
        return delivery.take() && settle(delivery, true);
    }

    /** Adds the delivery of {@code reading} to those {@code aggregate} carries. */
    public void collect(Exchange reading, Exchange aggregate) {
        List<Delivery> into = listOf(aggregate);
        if (reading != aggregate) {
            into.addAll(own(reading));
        }
    }

    /** Acknowledges readings that needed no document (or whose document was already accepted). */
    public void ack(Exchange exchange) {
        acknowledge(exchange);
    }

    /** As {@link #ack}; answers the ids of the readings the broker took the acknowledgement of. */
    public Set<String> acknowledge(Exchange exchange) {
        Set<String> acked = new HashSet<>();
        for (Delivery d : listOf(exchange)) {
            if (d.take() && settle(d, true)) {
                acked.add(d.messageId());
            }
        }
        return acked;
    }

    /**
     * Narrows the deliveries {@code exchange} settles to those of {@code readingIds}: one part of
     * an aggregate, sent as a document of its own.
     */
    public void restrict(Exchange exchange, Set<String> readingIds) {
        List<Delivery> part = new ArrayList<>();
        for (Delivery d : listOf(exchange)) {
            if (readingIds.contains(d.messageId())) {
                part.add(d);
            }
        }
        exchange.setProperty(PROPERTY, part);
    }

    /**
     * The ERP accepted the document carrying these readings: acknowledges them and records, per
     * reading, the time from its own timestamp to now in {@code iotbridge_reading_to_erp_seconds}.
     */
    public void accepted(Exchange exchange) {
        acceptedIds(exchange);
    }

    /** As {@link #accepted}; answers the ids of the readings the broker took the acknowledgement of. */
    public Set<String> acceptedIds(Exchange exchange) {
        Set<String> acked = new HashSet<>();
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        String erp = exchange.getMessage().getHeader("iotErp", "", String.class);
        long now = System.currentTimeMillis();
        for (Delivery d : listOf(exchange)) {
            if (d.take()) {
                if (settle(d, true)) {
                    acked.add(d.messageId());
                }
                readingToErp(registry, erp, d.messageId(), now);
            }
        }
        return acked;
    }

    /**
     * The ERP accepted the document carrying this reading: records the time from the reading's own
     * timestamp to {@code now} in {@code iotbridge_reading_to_erp_seconds}, and the booking for the status page.
     */
    public void readingToErp(MeterRegistry registry, String erp, String readingId, long now) {
        activity.booked(erp, readingId);
        readingTime(readingId).ifPresent(ts -> {
            if (registry != null) {
                Timer.builder("iotbridge.reading.to.erp").tag("erp", erp).publishPercentileHistogram()
                        .register(registry).record(Duration.ofMillis(age(now, ts)));
            }
        });
    }

    /**
     * Milliseconds from the reading's time to now, within what a timer records: Micrometer keeps
     * nanoseconds in a long, which a reading dated centuries ago overflows (and a failed
     * acknowledgement step would be retried).
     */
    static long age(long now, long readingTime) {
        long age = now - readingTime;
        if (((now ^ readingTime) & (now ^ age)) < 0) {
            return MAX_AGE_MILLIS; // the subtraction itself overflowed
        }
        return Math.min(Math.max(0, age), MAX_AGE_MILLIS);
    }

    /** The reading's own time, from its id {@code <sensorId>:<epoch ms>:<seq>}. */
    private static java.util.Optional<Long> readingTime(String readingId) {
        if (readingId == null) {
            return java.util.Optional.empty();
        }
        String[] parts = readingId.split(":");
        try {
            return parts.length >= 3 ? java.util.Optional.of(Long.parseLong(parts[parts.length - 2])) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Publishes a copy of each reading, with the reason ({@link Exchange#EXCEPTION_CAUGHT}'s
     * message) and time, to the module's dead-letter queue, then acknowledges the original.
     * Should that publish fail, the original is rejected and the broker's own dead-lettering
     * takes it (without our reason).
     */
    public void deadLetter(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "refused" : cause.getMessage();
        exchange.setProperty(REFUSED, reason);
        String erp = exchange.getMessage().getHeader("iotErp", String.class);
        // the aggregator's correlation key: sensor and window, one per document
        String group = exchange.getProperty(Exchange.AGGREGATED_CORRELATION_KEY, "", String.class);
        for (Delivery d : listOf(exchange)) {
            if (!d.take()) {
                continue;
            }
            try {
                deadLetterCopy(erp, d.messageId(), d.routingKey(), d.body(), d.headers(), reason, group);
                settle(d, true);
            } catch (RuntimeException e) {
                LOG.warn("dead letter {} could not be published with its reason ({}); rejecting it to the broker's DLX",
                        d.messageId(), e.getMessage());
                settle(d, false);
            }
        }
    }

    /**
     * Publishes a reading to the module's dead-letter queue with the reason and time; throws when
     * the broker did not take it.
     *
     * @param group the document the reading travelled in (a replay takes the readings of one document together)
     */
    public void deadLetterCopy(String erp, String readingId, String routingKey, String body, Map<String, ?> headers,
                               String reason, String group) {
        MessageProperties props = new MessageProperties();
        headers.forEach(props::setHeader);
        props.setHeader(REASON, reason);
        props.setHeader(DEAD_LETTERED_AT, Instant.now().toString());
        props.setHeader(ROUTING_KEY, routingKey);
        props.setHeader("iotErp", erp);
        props.setHeader(GROUP, group);
        publisher.publish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.erpQueue(erp), readingId, body, props);
        activity.deadLettered(erp, readingId, reason);
    }

    /** Whether the broker took the ack or nack. */
    private static boolean settle(Delivery d, boolean ack) {
        if (!d.channel().isOpen()) {
            // the consumer's channel closed (broker restart, shutdown): the broker requeued the reading
            LOG.info("delivery of {} not settled: its channel closed, the broker redelivers it", d.messageId());
            return false;
        }
        try {
            // the deliveries of one consumer's channel are settled from the aggregator's thread too
            synchronized (d.channel()) {
                if (ack) {
                    d.channel().basicAck(d.tag(), false);
                } else {
                    d.channel().basicNack(d.tag(), false, false);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not settle delivery of {} (the broker will redeliver it): {}", d.messageId(), e.getMessage());
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private List<Delivery> listOf(Exchange exchange) {
        List<Delivery> list = exchange.getProperty(PROPERTY, List.class);
        if (list == null) {
            list = new ArrayList<>(own(exchange));
            exchange.setProperty(PROPERTY, list);
        }
        return list;
    }

    private List<Delivery> own(Exchange exchange) {
        if (exchange.getProperty(CHANNEL) == null) {
            return List.of(); // not from a queue: no stage is made for it
        }
        StageProgress stage = stage(exchange.getMessage().getHeader("iotErp", "", String.class));
        Delivery delivery = received(exchange, stage);
        if (delivery == null) {
            return List.of();
        }
        stage.waiting(delivery);
        return List.of(delivery);
    }

    /**
     * The delivery of the message a spring-rabbitmq consumer (manual acknowledgement) handed to
     * {@code exchange}, counted in {@code stage} once settled; null when it came from elsewhere.
     */
    public static Delivery received(Exchange exchange, StageProgress stage) {
        org.apache.camel.Message in = exchange.getMessage();
        Channel channel = exchange.getProperty(CHANNEL, Channel.class);
        Long tag = in.getHeader(DELIVERY_TAG, Long.class);
        if (channel == null || tag == null) {
            return null;
        }
        Map<String, Object> headers = new HashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (k.startsWith("iot") && v != null) {
                headers.put(k, v);
            }
        });
        // the body as received: the reading's JSON, kept for a dead letter
        String body = exchange.getProperty("iotReceivedBody", String.class);
        return new Delivery(channel, tag, in.getHeader(MESSAGE_ID, String.class),
                in.getHeader(RECEIVED_ROUTING_KEY, String.class), body, headers, new AtomicBoolean(), stage);
    }

    /** Gives a delivery back to the broker, which delivers it again (the historian's database was away). */
    public static void requeue(Delivery delivery) {
        if (delivery.take() && delivery.channel().isOpen()) {
            try {
                synchronized (delivery.channel()) {
                    delivery.channel().basicNack(delivery.tag(), false, true);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not give {} back to the broker (it redelivers it when the channel closes): {}",
                        delivery.messageId(), e.getMessage());
            }
        }
    }
}
