package io.iotbridge.buffer;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RabbitMQ deliveries behind an exchange, settled by hand: acknowledged once the ERP has
 * accepted the document that carries them, or dead-lettered when it refused it. An aggregated
 * exchange (a meter window) carries the deliveries of every reading folded into it. Each
 * delivery is settled at most once, so an ack after a dead-letter (or the reverse) is a no-op.
 *
 * <p>A delivery whose channel closed meanwhile (broker restart) cannot be settled; the broker
 * redelivers it, and the document keys make the replay idempotent.
 */
public class Deliveries {

    /** Exchange property holding the collected deliveries of an aggregate. */
    public static final String PROPERTY = "iotDeliveries";

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final String CHANNEL = "CamelSpringRabbitmqChannel";
    private static final String DELIVERY_TAG = "CamelSpringRabbitmqDeliveryTag";

    record Delivery(Channel channel, long tag, AtomicBoolean settled) {
    }

    /** Adds the delivery of {@code reading} to those {@code aggregate} carries. */
    public static void collect(Exchange reading, Exchange aggregate) {
        List<Delivery> into = listOf(aggregate);
        if (reading != aggregate) {
            into.addAll(own(reading));
        }
    }

    public void ack(Exchange exchange) {
        settle(exchange, true);
    }

    public void deadLetter(Exchange exchange) {
        settle(exchange, false);
    }

    private static void settle(Exchange exchange, boolean accepted) {
        for (Delivery d : listOf(exchange)) {
            if (!d.settled().compareAndSet(false, true)) {
                continue;
            }
            try {
                // acks of one consumer's channel come from the aggregator's thread too
                synchronized (d.channel()) {
                    if (accepted) {
                        d.channel().basicAck(d.tag(), false);
                    } else {
                        d.channel().basicNack(d.tag(), false, false);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not {} delivery {} (the broker will redeliver it): {}",
                        accepted ? "acknowledge" : "dead-letter", d.tag(), e.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Delivery> listOf(Exchange exchange) {
        List<Delivery> list = exchange.getProperty(PROPERTY, List.class);
        if (list == null) {
            list = new ArrayList<>(own(exchange));
            exchange.setProperty(PROPERTY, list);
        }
        return list;
    }

    private static List<Delivery> own(Exchange exchange) {
        Channel channel = exchange.getProperty(CHANNEL, Channel.class);
        Long tag = exchange.getMessage().getHeader(DELIVERY_TAG, Long.class);
        return channel == null || tag == null ? List.of() : List.of(new Delivery(channel, tag, new AtomicBoolean()));
    }
}
