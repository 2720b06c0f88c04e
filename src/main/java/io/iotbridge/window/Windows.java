package io.iotbridge.window;

import io.iotbridge.api.LogSafe;
import io.iotbridge.buffer.BatchMessage;
import io.iotbridge.buffer.Deliveries;
import io.iotbridge.counter.CounterDeltas;
import io.iotbridge.counter.CounterStore;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.reading.ReadingRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.iotbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Service;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How meter and counter readings become documents (bean {@code windows}, step of every ERP
 * consumer): a reading is put into its sensor's window in the state store and acknowledged to the
 * broker once that is durable ({@link AcksAfterCommit}); a window closes on its sensor's progress
 * ({@link OpenWindows}) into the outbox in one state change; the outbox's documents go to the ERP
 * ({@link OutboxSender}) until it accepted them. So memory holds no reading for longer than a
 * commit, and a slow or absent ERP makes documents wait on disk, never readings in the dead
 * letters.
 */
public final class Windows {

    private static final Logger LOG = LoggerFactory.getLogger(Windows.class);
    private static final String ROUTING_KEY = "CamelSpringRabbitmqRoutingKey";
    private static final String MESSAGE_ID = "CamelSpringRabbitmqMessageId";
    private static final long TICK_MILLIS = 200;
    private static final long PRUNE_MILLIS = 1000;
    private static final long COMPACT_MILLIS = 30_000;

    private final CamelContext context;
    private final StateStore state;
    private final Deliveries deliveries;
    private final CounterStore counterStore;
    private final ReadingIds ids;
    private final OpenWindows open;
    private final Outbox outbox;
    private final WindowDocuments documents;
    private final OutboxSender sender;
    private final AcksAfterCommit acks;
    private final ReadingJson json;
    private final ScheduledExecutorService ticks;
    private Thread committer;
    private long lastPrune;
    private long lastCompaction = System.currentTimeMillis();

    /**
     * Window length, grace and the id margin and retention of {@link ReadingIds}; in-flight
     * documents per module and the longest back-off between two attempts at one.
     */
    public record Settings(Duration window, Duration grace, Duration idMargin, Duration retention, int inFlight,
                           Duration maxRetryDelay) {
    }

    public Windows(CamelContext context, StateStore state, Deliveries deliveries, ReadingJson json, CounterDeltas counters,
                   CounterStore counterStore, Settings settings, Clock clock) {
        this.context = context;
        this.state = state;
        this.deliveries = deliveries;
        this.counterStore = counterStore;
        this.ids = new ReadingIds(state, settings.idMargin(), settings.retention(), clock);
        this.open = new OpenWindows(state, ids, settings.window(), settings.grace(), clock, deliveries::stage);
        this.outbox = new Outbox(state);
        this.documents = new WindowDocuments(counters);
        this.ticks = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "erp-windows");
        this.sender = new OutboxSender(context, outbox, deliveries, json, documents, deliveries::stage, ids, settings.inFlight(),
                backOff(settings.maxRetryDelay()), ticks);
        this.acks = new AcksAfterCommit(state, ids);
        this.json = json;
    }

    /** The consumer's step for a meter or counter reading (body: the parsed reading). */
    public void take(Exchange exchange) {
        Reading reading = exchange.getMessage().getBody(Reading.class);
        String erp = exchange.getMessage().getHeader("iotErp", String.class);
        String kind = exchange.getMessage().getHeader("iotKind", String.class);
        Map<String, String> headers = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> {
            if (k.startsWith("iot") && v != null) {
                headers.put(k, v.toString());
            }
        });
        Deliveries.Delivery delivery = deliveries.delivery(exchange);
        OpenWindows.Taken taken = open.add(erp, kind, reading, headers,
                exchange.getMessage().getHeader(ROUTING_KEY, String.class));
        if (delivery != null) {
            acks.after(taken.change(), erp, List.of(reading.id()), delivery);
        }
    }

    /**
     * The consumer's step for a batch of meter or counter readings ({@link BatchMessage}, body as
     * received): each reading goes into its window, as {@link #take} puts a single one, and the
     * message is acknowledged once all of them are durable. A line that is no reading, or whose
     * reading is refused, goes alone to {@code erp.<erp>.dlq} with the reason; the others are booked.
     * Should that dead letter not be published, the step fails and is tried again: the readings
     * already taken are then known by their ids and count once.
     */
    public void takeBatch(Exchange exchange) {
        org.apache.camel.Message in = exchange.getMessage();
        String erp = in.getHeader("iotErp", String.class);
        String routingKey = in.getHeader(ROUTING_KEY, String.class);
        Deliveries.Delivery delivery = deliveries.delivery(exchange);
        List<String> taken = new ArrayList<>();
        long change = 0;
        for (BatchMessage.Line line : BatchMessage.lines(in.getBody(String.class))) {
            try {
                if (line.problem() != null) {
                    throw new ReadingRejectedException("unparseable", line.problem());
                }
                Reading reading = json.parseNode(line.reading());
                String kind = line.headers().get("iotKind");
                if (!"meter".equals(kind) && !"counter".equals(kind)) {
                    throw new ReadingRejectedException("invalid-reading", "a batch carries meter and counter readings only, "
                            + "line " + line.number() + " is of kind '" + kind + "'");
                }
                Map<String, String> headers = new HashMap<>(line.headers());
                headers.put("iotErp", erp);
                OpenWindows.Taken t = open.add(erp, kind, reading, headers, routingKey);
                change = Math.max(change, t.change());
                taken.add(reading.id());
            } catch (ReadingRejectedException e) {
                refused(exchange, erp, routingKey, line, e);
            }
        }
        if (delivery != null) {
            acks.after(change, erp, taken, delivery);
        }
    }

    /** One line of a batch to the dead letters, alone, with the reason; counted as a refused reading. */
    private void refused(Exchange exchange, String erp, String routingKey, BatchMessage.Line line, ReadingRejectedException e) {
        String id = line.readingId() != null ? line.readingId()
                : exchange.getMessage().getHeader(MESSAGE_ID, String.class) + "#" + line.number();
        String reason = e.reason() + ": " + e.getMessage();
        LOG.warn("Reading {} of a batch in erp.{} refused, to the dead-letter queue: {}", LogSafe.of(id), erp, LogSafe.of(reason));
        Map<String, String> headers = new HashMap<>(line.headers());
        headers.remove(BatchMessage.COUNT);
        deliveries.deadLetterCopy(erp, id, routingKey, line.body(), headers, reason, "");
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("iotbridge.readings.rejected", "camelContext", exchange.getContext().getName(),
                    "reason", e.reason()).increment();
        }
    }

    /** Open windows, documents in the outbox, documents being sent: for tests and the status. */
    public List<Integer> sizes() {
        return List.of(open.size(), outbox.size(), sender.sending());
    }

    /**
     * The windows' threads, started and stopped with the context. Not the bean itself: a route's
     * bean step starts and stops a bean that is a service with its route, so removing one module's
     * route would stop the windows of all.
     */
    public Service lifecycle() {
        return lifecycle;
    }

    private final Service lifecycle = new ServiceSupport() {
        @Override
        protected void doStart() {
            startThreads();
        }

        @Override
        protected void doStop() throws InterruptedException {
            stopThreads();
        }
    };

    private void startThreads() {
        LOG.info("Meter and counter windows: {} open, {} documents in the outbox", open.size(), outbox.size());
        committer = new Thread(acks, "erp-state-commit");
        committer.setDaemon(true);
        committer.start();
        ticks.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void stopThreads() throws InterruptedException {
        sender.stop();
        // the tick running now finishes its state change before the store closes; scheduled retries
        // are dropped (their documents stay in the outbox). Not interrupted: an interrupt inside a
        // file write closes the store's file channel
        if (ticks instanceof ScheduledThreadPoolExecutor pool) {
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        ticks.shutdown();
        if (!ticks.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("closing meter and counter windows did not finish within 10 s");
        }
        acks.stop();
        if (committer != null) {
            committer.join(5000);
        }
    }

    /** The back-off of routes/errors.camel.yaml's transient-failure handler: 1 s doubling to the maximum, with jitter. */
    private static RedeliveryPolicy backOff(Duration max) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setRedeliveryDelay(1000);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(max.toMillis());
        policy.setUseCollisionAvoidance(true);
        return policy;
    }

    /** Closes due windows into the outbox, makes that durable, then sends what the outbox holds. */
    void tick() {
        try {
            long last = 0;
            for (WindowId id : open.closable()) {
                last = state.change(() -> {
                    ClosedWindow window = open.take(id);
                    if (window != null) {
                        ClosedWindow counted = window.withQuantity(documents.count(window));
                        // a counter window without new parts carries no document: its readings are done
                        if (!"counter".equals(counted.kind()) || counted.quantity() > 0) {
                            outbox.put(counted);
                        }
                    }
                    return state.changed();
                });
            }
            if (last > 0) {
                state.durable(last);
                counterStore.dropMigratedFiles();
            }
            long now = System.currentTimeMillis();
            if (now - lastPrune >= PRUNE_MILLIS) {
                lastPrune = now;
                ids.prune();
            }
            if (now - lastCompaction >= COMPACT_MILLIS) {
                lastCompaction = now;
                state.compact();
            }
            sender.dispatch();
        } catch (RuntimeException e) {
            // the next tick tries again; the stage shows a window that stays open too long
            LOG.error("closing meter and counter windows failed: {}", e.toString(), e);
        }
    }
}
