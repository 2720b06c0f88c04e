package io.iotbridge.buffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Gathers the meter and counter readings going to iot.readings per routing key and publishes
 * them as one message ({@link BatchMessage}): {@code bridge.rabbitmq.batch-size} readings, or
 * what came within {@code bridge.rabbitmq.batch-linger} of the first. The broker's work is per
 * message (a persistent write to a quorum queue and its confirm), and it was the bridge's limit
 * (bench/README.md). Each reading's future completes when its batch is confirmed, and fails when
 * the batch fails (refused, unroutable, no confirm in time), so its source retries as it does a
 * single reading. Alert readings (p99 latency target) and everything not going to iot.readings
 * are not batched; with a batch size of 1 nothing is.
 */
public final class ReadingBatches implements AutoCloseable {

    private static final Set<String> BATCHED_KINDS = Set.of("meter", "counter");

    private final BrokerPublisher publisher;
    private final int size;
    private final Duration linger;
    private final ScheduledExecutorService timer;
    private final Map<String, Batch> open = new HashMap<>();
    private boolean closed;

    /** @param timer runs the linger: a batch not full by then is published from it */
    public ReadingBatches(BrokerPublisher publisher, int size, Duration linger, ScheduledExecutorService timer) {
        if (size < 1) {
            throw new IllegalArgumentException("bridge.rabbitmq.batch-size must be at least 1, not " + size);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("bridge.rabbitmq.batch-linger must not be negative, not " + linger);
        }
        this.publisher = publisher;
        this.size = size;
        this.linger = linger;
        this.timer = timer;
    }

    /** Whether the exchange's reading is published in a batch: a meter or counter reading to iot.readings. */
    public boolean batches(Exchange exchange) {
        Message in = exchange.getMessage();
        return size > 1 && RabbitTopology.READINGS_EXCHANGE.equals(in.getHeader(BrokerPublisher.EXCHANGE, String.class))
                && BATCHED_KINDS.contains(in.getHeader("iotKind", String.class));
    }

    /** Adds the exchange's reading (body: its JSON) to the batch of its routing key; done when that batch is confirmed. */
    public CompletableFuture<Void> add(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        String routingKey = in.getHeader(BrokerPublisher.ROUTING_KEY, String.class);
        // with bridge.erp.partitions a headers exchange routes the whole message by its partition:
        // readings of one routing key but of sensors in different partitions travel apart
        String partition = in.getHeader(ErpPartitions.PARTITION_HEADER, String.class);
        String key = partition == null ? routingKey : routingKey + '\n' + partition;
        String line = BatchMessage.line(in.getMandatoryBody(String.class), BrokerPublisher.travelling(in));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Batch full = null;
        synchronized (open) {
            if (closed) {
                throw new IllegalStateException("the bridge is stopping: nothing is published any more");
            }
            Batch batch = open.computeIfAbsent(key, k -> new Batch(k, routingKey, in.getHeader("iotKind", String.class),
                    partition == null ? null : in.getHeader(ErpPartitions.ERP_HEADER, String.class), partition));
            batch.add(in.getHeader(BrokerPublisher.MESSAGE_ID, String.class), line, done);
            if (batch.lines.size() >= size) {
                open.remove(key);
                full = batch;
            } else if (batch.lingering == null) {
                batch.lingering = timer.schedule(() -> lingered(batch), linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        if (full != null) {
            if (full.lingering != null) {
                full.lingering.cancel(false);
            }
            publish(full);
        }
        return done;
    }

    /** Fails what still waits for its batch (the bridge stopped); its sources retry after the restart. */
    @Override
    public void close() {
        List<Batch> left;
        synchronized (open) {
            closed = true;
            left = new ArrayList<>(open.values());
            open.clear();
        }
        RuntimeException stopping = new BrokerPublisher.BrokerPublishException("the bridge stopped before the batch was published");
        left.forEach(b -> b.waiting.forEach(f -> f.completeExceptionally(stopping)));
    }

    private void lingered(Batch batch) {
        synchronized (open) {
            if (open.get(batch.key) != batch) {
                return; // published when it filled up
            }
            open.remove(batch.key);
        }
        publish(batch);
    }

    private void publish(Batch batch) {
        MessageProperties props = new MessageProperties();
        props.setHeader("iotKind", batch.kind);
        props.setHeader(BatchMessage.COUNT, batch.lines.size());
        if (batch.partition != null) {
            props.setHeader(ErpPartitions.ERP_HEADER, batch.erp);
            props.setHeader(ErpPartitions.PARTITION_HEADER, batch.partition);
        }
        // the same readings always make the same id: a batch published again is recognisably the same
        String id = "batch:" + UUID.nameUUIDFromBytes(String.join("\n", batch.ids).getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> sent;
        try {
            sent = publisher.send(RabbitTopology.READINGS_EXCHANGE, batch.routingKey, id, String.join("\n", batch.lines),
                    props, BatchMessage.CONTENT_TYPE);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            for (CompletableFuture<Void> f : batch.waiting) {
                if (cause == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(cause);
                }
            }
        });
    }

    /** The readings of one routing key (and partition) gathered so far. */
    private static final class Batch {
        final String key;
        final String routingKey;
        final String kind;
        /** The partition headers every reading of the batch has, or null without partitions. */
        final String erp;
        final String partition;
        final List<String> ids = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        final List<CompletableFuture<Void>> waiting = new ArrayList<>();
        ScheduledFuture<?> lingering;

        Batch(String key, String routingKey, String kind, String erp, String partition) {
            this.key = key;
            this.routingKey = routingKey;
            this.kind = kind;
            this.erp = erp;
            this.partition = partition;
        }

        void add(String id, String line, CompletableFuture<Void> done) {
            ids.add(id);
            lines.add(line);
            waiting.add(done);
        }
    }
}
