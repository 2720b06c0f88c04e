package io.iotbridge.buffer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bridge's publishing channel: one channel in confirm mode on an AMQP connection of its own,
 * with any number of publishes waiting for their confirm at once, which the broker then confirms
 * in batches. Spring's cached channels give a channel back only once its confirms are in, so each
 * unconfirmed publish held a channel and a thread waiting for it: with thousands of readings a
 * second the bridge ran out of channels (bench/README.md).
 *
 * <p>Opened on first use, and again on the first publish after the connection was lost; whatever
 * was unconfirmed on the lost one fails, so its reading is retried and not acknowledged upstream.
 */
final class ConfirmChannel implements AutoCloseable {

    /** How a publish ended at the broker: confirmed or refused, and returned first when no queue took it. */
    record Outcome(boolean ack, String returned) {
    }

    private final ConnectionFactory factory;
    private final String connectionName;
    /** Runs before each new connection opens. */
    private final Runnable beforeOpen;
    /** Guards opening, publishing (sequence numbers must follow the publish order) and closing. */
    private final Object lock = new Object();
    private Link link;
    private boolean closed;

    /** @param beforeOpen runs before each new connection opens, e.g. to declare the topology first */
    ConfirmChannel(ConnectionFactory factory, String connectionName, Runnable beforeOpen) {
        this.factory = factory;
        this.connectionName = connectionName;
        this.beforeOpen = beforeOpen;
    }

    /**
     * Publishes mandatory; the future completes with the broker's confirm, or fails when the
     * connection is lost before it came, or with a {@link TimeoutException} when it did not come
     * within {@code confirmTimeout}: then the connection no longer works, and is closed, failing
     * what else waits on it; the next publish opens a new one.
     */
    CompletableFuture<Outcome> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body,
                                       Duration confirmTimeout) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        synchronized (lock) {
            Link current = null;
            try {
                current = open();
                long seq = current.channel.getNextPublishSeqNo();
                current.pending.put(seq, new Pending(outcome, props.getMessageId()));
                Link on = current;
                outcome.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((o, e) -> {
                    on.pending.remove(seq);
                    if (e instanceof TimeoutException) {
                        abort(on);
                    }
                });
                current.channel.basicPublish(exchange, routingKey, true, props, body);
            } catch (IOException | TimeoutException | RuntimeException e) {
                outcome.completeExceptionally(e);
                abort(current);
            }
        }
        return outcome;
    }

    /** Closes the connection if it is still the current one (or none opened): what waits on it fails. */
    private void abort(Link which) {
        synchronized (lock) {
            if (link != null && (which == null || which == link)) {
                link.connection.abort(1000);
                link = null;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            abort(null);
        }
    }

    private Link open() throws IOException, TimeoutException {
        if (closed) {
            throw new IllegalStateException("the bridge is stopping: nothing is published any more");
        }
        if (link == null || !link.channel.isOpen()) {
            if (link != null) {
                link.connection.abort(1000);
            }
            beforeOpen.run();
            link = new Link(factory.newConnection(connectionName));
        }
        return link;
    }

    private static final class Pending {
        final CompletableFuture<Outcome> outcome;
        final String messageId;
        /** Set by the broker's return, which comes before the confirm of the same publish. */
        volatile String returned;

        Pending(CompletableFuture<Outcome> outcome, String messageId) {
            this.outcome = outcome;
            this.messageId = messageId;
        }
    }

    /** One connection and its channel, with the publishes waiting for a confirm on it by sequence number. */
    private static final class Link {
        final Connection connection;
        final Channel channel;
        final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

        Link(Connection connection) throws IOException {
            this.connection = connection;
            try {
                channel = connection.createChannel();
                channel.confirmSelect();
            } catch (IOException | RuntimeException e) {
                connection.abort(1000);
                throw e;
            }
            channel.addConfirmListener((seq, multiple) -> settle(seq, multiple, true),
                    (seq, multiple) -> settle(seq, multiple, false));
            channel.addReturnListener(r -> pending.values().stream()
                    .filter(p -> p.messageId != null && p.messageId.equals(r.getProperties().getMessageId()))
                    .findFirst().ifPresent(p -> p.returned = r.getReplyText()));
            channel.addShutdownListener(this::lost);
            connection.addShutdownListener(this::lost);
        }

        private void settle(long seq, boolean multiple, boolean ack) {
            Map<Long, Pending> settled = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
            settled.values().forEach(p -> p.outcome.complete(new Outcome(ack, p.returned)));
        }

        private void lost(ShutdownSignalException cause) {
            pending.values().forEach(p -> p.outcome.completeExceptionally(cause));
        }
    }
}
