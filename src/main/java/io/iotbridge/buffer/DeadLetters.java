package io.iotbridge.buffer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Reads and replays the modules' dead-letter queues. RabbitMQ cannot browse a queue, so listing
 * takes messages and puts copies of them back (see {@link #putBack}).
 * A replay republishes every dead letter of the same document together, so they are shaped
 * into one document again, and acknowledges them only once the broker confirmed the republish.
 */
public class DeadLetters {

    /**
     * Header a replayed reading carries (the time of the replay): an alert's starting reading
     * then alerts again although the in-memory detector has seen it (AlertDetector#replayed).
     */
    public static final String REPLAYED = "iotReplayed";

    private final ConnectionFactory connections;
    private final BrokerPublisher publisher;
    private final Supplier<List<String>> modules;
    private final ErpPartitions partitions;

    public DeadLetters(ConnectionFactory connections, BrokerPublisher publisher, Supplier<List<String>> modules) {
        this(connections, publisher, modules, new ErpPartitions(0));
    }

    /** @param partitions a replay goes to its sensor's partition queue as it is now, whatever it carried */
    public DeadLetters(ConnectionFactory connections, BrokerPublisher publisher, Supplier<List<String>> modules,
                       ErpPartitions partitions) {
        this.connections = connections;
        this.publisher = publisher;
        this.modules = modules;
        this.partitions = partitions;
    }

    /** Up to {@code limit} (default 100, at most 1,000) dead letters, queue by queue, oldest first. */
    public List<DeadLetter> list(Integer limit) throws IOException {
        // each one listed is held in memory and taken off its queue until the listing puts it back
        int max = limit == null || limit <= 0 ? 100 : Math.min(limit, 1_000);
        List<DeadLetter> found = new ArrayList<>();
        for (String erp : modules.get()) {
            try (Connection connection = connections.createConnection();
                 Channel channel = connection.createChannel(false)) {
                GetResponse r;
                List<GetResponse> taken = new ArrayList<>();
                while (found.size() < max && (r = channel.basicGet(RabbitTopology.deadLetterQueue(erp), false)) != null) {
                    found.add(toDeadLetter(erp, r));
                    taken.add(r);
                }
                putBack(erp, channel, taken);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException(e);
            }
        }
        return found;
    }

    /** Republishes the dead letter {@code id} and the others of its document; empty if no such dead letter. */
    public List<DeadLetter> replay(String id) throws IOException {
        for (String erp : modules.get()) {
            try (Connection connection = connections.createConnection();
                 Channel channel = connection.createChannel(false)) {
                List<GetResponse> taken = new ArrayList<>();
                GetResponse r;
                while ((r = channel.basicGet(RabbitTopology.deadLetterQueue(erp), false)) != null) {
                    taken.add(r);
                }
                String group = taken.stream().map(g -> toDeadLetter(erp, g)).filter(d -> id.equals(d.id()))
                        .map(DeadLetter::group).findFirst().orElse(null);
                if (group == null) {
                    putBack(erp, channel, taken);
                    continue;
                }
                List<GetResponse> keep = new ArrayList<>();
                List<DeadLetter> replayed = new ArrayList<>();
                for (GetResponse g : taken) {
                    DeadLetter d = toDeadLetter(erp, g);
                    if (d.id().equals(id) || group.equals(d.group()) && !group.isEmpty()) {
                        MessageProperties headers = originalHeaders(g.getProps());
                        headers.setHeader(REPLAYED, java.time.Instant.now().toString());
                        // dead-lettered before partitions were on, or under another N: routed by today's
                        partitions.headers(erp, sensorOf(g.getProps(), d.id())).forEach(headers::setHeader);
                        publisher.publish(RabbitTopology.READINGS_EXCHANGE, d.routingKey(), d.id(), d.payload(), headers);
                        channel.basicAck(g.getEnvelope().getDeliveryTag(), false);
                        replayed.add(d);
                    } else {
                        keep.add(g);
                    }
                }
                putBack(erp, channel, keep);
                return replayed;
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException(e);
            }
        }
        return List.of();
    }

    /**
     * Puts taken dead letters back as copies at the queue's tail, each acknowledged once the
     * broker confirmed its copy. Not a requeue: a quorum queue counts each requeue as a delivery
     * and, past x-delivery-limit, drops the message (a dead-letter queue has nowhere further to
     * send it), so a few listings would have deleted every dead letter. Should a copy fail, the
     * rest are requeued (one by one: a multiple nack left them held on the embedded Qpid broker).
     */
    private void putBack(String erp, Channel channel, List<GetResponse> taken) throws IOException {
        for (int i = 0; i < taken.size(); i++) {
            try {
                copyBack(erp, channel, taken.get(i));
            } catch (RuntimeException e) {
                for (GetResponse rest : taken.subList(i, taken.size())) {
                    channel.basicNack(rest.getEnvelope().getDeliveryTag(), false, true);
                }
                throw e;
            }
        }
    }

    private void copyBack(String erp, Channel channel, GetResponse g) throws IOException {
        MessageProperties props = new MessageProperties();
        if (g.getProps().getHeaders() != null) {
            g.getProps().getHeaders().forEach((k, v) -> props.setHeader(k, v instanceof LongString ? v.toString() : v));
        }
        publisher.publish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.erpQueue(erp), g.getProps().getMessageId(),
                new String(g.getBody(), StandardCharsets.UTF_8), props);
        channel.basicAck(g.getEnvelope().getDeliveryTag(), false);
    }

    private static DeadLetter toDeadLetter(String erp, GetResponse r) {
        Map<String, Object> headers = r.getProps().getHeaders() == null ? Map.of() : r.getProps().getHeaders();
        String routingKey = text(headers.get(Deliveries.ROUTING_KEY));
        String reason = text(headers.get(Deliveries.REASON));
        if (reason.isEmpty()) {
            reason = "dead-lettered by the broker (" + brokerReason(headers) + ")";
        }
        if (routingKey.isEmpty()) {
            routingKey = r.getEnvelope().getRoutingKey();
        }
        return new DeadLetter(r.getProps().getMessageId(), erp, text(headers.get(Deliveries.GROUP)), reason,
                text(headers.get(Deliveries.DEAD_LETTERED_AT)), routingKey,
                new String(r.getBody(), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static String brokerReason(Map<String, Object> headers) {
        Object deaths = headers.get("x-death");
        if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> death) {
            return text(((Map<String, Object>) death).get("reason"));
        }
        return "no reason recorded";
    }

    /** The reading's sensor: its header, else its id ({@code <sensorId>:<epoch ms>:<seq>}) without the last two parts. */
    private static String sensorOf(AMQP.BasicProperties props, String readingId) {
        Object header = props.getHeaders() == null ? null : props.getHeaders().get("iotSensorId");
        if (header != null && !header.toString().isEmpty()) {
            return header.toString();
        }
        int seq = readingId.lastIndexOf(':');
        int ts = seq > 0 ? readingId.lastIndexOf(':', seq - 1) : -1;
        return ts > 0 ? readingId.substring(0, ts) : readingId;
    }

    /** The reading's own iot* headers, without those the dead-lettering added. */
    private static MessageProperties originalHeaders(AMQP.BasicProperties props) {
        MessageProperties out = new MessageProperties();
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : new HashMap<>(props.getHeaders());
        headers.forEach((k, v) -> {
            if (k.startsWith("iot") && !Deliveries.DEAD_LETTER_HEADERS.contains(k)) {
                out.setHeader(k, text(v));
            }
        });
        return out;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
