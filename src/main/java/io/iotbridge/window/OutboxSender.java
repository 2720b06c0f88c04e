package io.iotbridge.window;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.iotbridge.buffer.Deliveries;
import io.iotbridge.buffer.DocumentOutcomes;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.erp.DeliveryFailures;
import io.iotbridge.erp.ErpRejectedException;
import io.iotbridge.health.StageProgress;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends the outbox's documents, oldest first, to each module's route {@code direct:erp-<erp>-documents}
 * (route id {@code erp-<erp>-documents}): at most {@code inFlight} per module at a time, the rest
 * wait on disk, so an ERP away for an hour costs disk, not heap. Each module has its own senders
 * (the thread pool profile {@code erp-senders}), so a slow ERP never holds another's documents.
 *
 * <p>Once the ERP accepted a document (or had it already) its entry leaves the outbox. A refusal
 * ({@code ErpRejectedException}) sends its readings to {@code erp.<erp>.dlq} with the ERP's reason,
 * then the entry leaves. Any other failure is transient: the document keeps its place and goes
 * again after a back-off (the same policy as routes/errors.camel.yaml), scheduled, not slept.
 */
final class OutboxSender {

    /** Exchange property the route's document-refused handler sets to the reason. */
    static final String REFUSED = Deliveries.REFUSED;
    /** Exchange property: the document's key, as the historian records its outcome. */
    private static final String DOCUMENT_KEY = "iotDocumentKey";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final CamelContext context;
    private final Outbox outbox;
    private final Deliveries deliveries;
    private final ReadingJson json;
    private final WindowDocuments documents;
    private final Function<String, StageProgress> stages;
    private final int inFlight;
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private final Map<String, ExecutorService> senders = new HashMap<>();
    private final Map<String, AsyncProducer> producers = new HashMap<>();
    private final ReadingIds ids;
    private final RedeliveryPolicy backOff;
    private final ScheduledExecutorService scheduler;
    private final DeliveryFailures failures;
    private volatile boolean stopped;

    OutboxSender(CamelContext context, Outbox outbox, Deliveries deliveries, ReadingJson json, WindowDocuments documents,
                 Function<String, StageProgress> stages, ReadingIds ids, int inFlight, RedeliveryPolicy backOff,
                 ScheduledExecutorService scheduler) {
        this.ids = ids;
        this.context = context;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.json = json;
        this.documents = documents;
        this.stages = stages;
        this.inFlight = inFlight;
        this.backOff = backOff;
        this.scheduler = scheduler;
        this.failures = new DeliveryFailures(context);
    }

    /** Sends what waits, up to each module's limit; modules whose route is not running keep theirs. */
    synchronized void dispatch() {
        if (stopped || !context.getStatus().isStarted()) {
            return;
        }
        for (String erp : outbox.modules()) {
            if (context.getRouteController().getRouteStatus(routeId(erp)) != ServiceStatus.Started) {
                continue;
            }
            String prefix = erp + WindowId.SEP;
            int free = inFlight - (int) sending.stream().filter(k -> k.startsWith(prefix)).count();
            if (free > 0) {
                outbox.oldest(erp, sending, free).forEach(e -> send(e.getKey(), e.getValue()));
            }
        }
    }

    /** Documents being sent now. */
    int sending() {
        return sending.size();
    }

    synchronized void stop() {
        stopped = true;
        senders.values().forEach(pool -> context.getExecutorServiceManager().shutdown(pool));
        senders.clear();
        producers.clear();
    }

    static String routeId(String erp) {
        return "erp-" + erp + "-documents";
    }

    private void send(String key, ClosedWindow window) {
        // the entries come from a snapshot of the outbox: one sent and removed since is not sent again
        if (!sending.add(key)) {
            return;
        }
        if (!outbox.contains(key)) {
            sending.remove(key);
            return;
        }
        stages.apply(window.erp()).waiting(key);
        attempt(key, window, 1);
    }

    private void attempt(String key, ClosedWindow window, int attempt) {
        if (stopped) {
            done(key, window);
            return;
        }
        Exchange exchange = new DefaultExchange(context);
        window.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader("iotErp", window.erp());
        exchange.getMessage().setHeader("iotKind", window.kind());
        exchange.setProperty(DOCUMENT_KEY, window.kind() + ":" + window.sensorId() + "@" + window.windowStart().toEpochMilli());
        try {
            Object document = documents.of(window);
            exchange.getMessage().setBody(document);
            exchange.setProperty(DOCUMENT_KEY, documentKey(document, window));
        } catch (RuntimeException e) {
            // a window no document can be made of is refused alone; the next documents go on
            exchange.setProperty(REFUSED, "the bridge could not make the document: " + e);
            finished(key, window, exchange, attempt);
            return;
        }
        AsyncProducer producer = producer(window.erp());
        try {
            sender(window.erp()).execute(() -> producer.process(exchange, doneSync -> {
                try {
                    finished(key, window, exchange, attempt);
                } catch (RuntimeException e) {
                    LOG.error("document of {} window {} left in the outbox: {}", window.sensorId(), window.windowStart(),
                            e.toString(), e);
                    done(key, window);
                }
            }));
        } catch (RejectedExecutionException stopping) {
            done(key, window);
        }
    }

    /** The document left the outbox, or stays there for a later dispatch; its place is free. */
    private void done(String key, ClosedWindow window) {
        sending.remove(key);
        stages.apply(window.erp()).done(key);
        // the next document goes as soon as a place is free, not at the next tick
        dispatch();
    }

    private void finished(String key, ClosedWindow window, Exchange exchange, int attempt) {
        Exception failure = exchange.getException();
        String refused = exchange.getProperty(REFUSED, String.class);
        ErpRejectedException rejected = failure == null ? null : ObjectHelper.getException(ErpRejectedException.class, failure);
        if (rejected != null) {
            refused = rejected.getMessage();
            LOG.error("Document for {} refused, its readings go to the dead-letter queue: {}", window.erp(), refused);
            failures.permanent(window.erp());
        } else if (failure != null) {
            if (!stopped) {
                retryLater(key, window, failure, attempt);
            }
            return;
        }
        if (refused != null) {
            try {
                for (Reading r : window.readings()) {
                    deliveries.deadLetterCopy(window.erp(), r.id(), window.routingKey(), json.toJson(r), window.headers(),
                            refused, window.sensorId() + "@" + window.windowStart().toEpochMilli());
                }
                ids.forget(window.erp(), window.readingIds());
            } catch (RuntimeException e) {
                // the broker did not take a dead letter: the document is tried again later
                LOG.warn("readings of a refused {} document could not be dead-lettered yet ({}); trying again",
                        window.erp(), e.getMessage());
                retryLater(key, window, e, attempt);
                return;
            }
        } else {
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            long now = System.currentTimeMillis();
            window.readingIds().forEach(id -> deliveries.readingToErp(registry, window.erp(), id, now));
        }
        outcome(window, exchange, refused);
        outbox.remove(key);
        done(key, window);
    }

    /** Tells the historian what became of the document (handed to the broker, not waited for). */
    private void outcome(ClosedWindow window, Exchange exchange, String refused) {
        DocumentOutcomes outcomes = context.getRegistry().findSingleByType(DocumentOutcomes.class);
        if (outcomes == null) {
            return;
        }
        Enrichment enrichment = exchange.getProperty(DocumentEnricher.PROPERTY, Enrichment.class);
        List<Reading> readings = window.readings();
        outcomes.publish(new DocumentOutcomes.Outcome(window.erp(), window.kind(), exchange.getProperty(DOCUMENT_KEY, String.class),
                refused == null ? DocumentOutcomes.ACCEPTED : DocumentOutcomes.DEAD_LETTERED, refused, window.sensorId(),
                readings.isEmpty() ? null : readings.get(0).machineId(), enrichment == null ? null : enrichment.shift(),
                enrichment == null ? null : enrichment.workOrder(), window.readingIds(), Instant.now()));
    }

    /** The key the document goes by: {@code counter:<sensorId>@<window start>}, {@code meter:<sensorId>@<window part>}. */
    private static String documentKey(Object document, ClosedWindow window) {
        if (document instanceof CounterReport report) {
            return report.key();
        }
        if (document instanceof MeterWindow meter) {
            return "meter:" + window.sensorId() + "@" + meter.windowPart();
        }
        return window.kind() + ":" + window.sensorId() + "@" + window.windowStart().toEpochMilli();
    }

    /**
     * A transient failure (ERP or broker away, timeout, 5xx, 429, the breaker open): the document
     * keeps its place and is sent again after an exponential back-off with jitter, scheduled, so no
     * thread waits meanwhile.
     */
    private void retryLater(String key, ClosedWindow window, Exception failure, int attempt) {
        failures.transient_(window.erp(), failure);
        long previous = attempt <= 1 ? 0 : backOff.getRedeliveryDelay() << Math.min(attempt - 2, 30);
        long delay = backOff.calculateRedeliveryDelay(previous, attempt);
        // an attempt the open breaker did not make is no news: its OPEN line said documents wait
        boolean notMade = ObjectHelper.getException(CallNotPermittedException.class, failure) != null;
        LOG.atLevel(notMade ? Level.DEBUG : Level.WARN).log(
                "Document of {} window {} for {} not delivered (attempt {}), next attempt in {} ms: {}",
                window.sensorId(), window.windowStart(), window.erp(), attempt, delay, failure.getMessage());
        try {
            scheduler.schedule(() -> attempt(key, window, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            done(key, window);
        }
    }

    private synchronized ExecutorService sender(String erp) {
        return senders.computeIfAbsent(erp,
                e -> context.getExecutorServiceManager().newThreadPool(this, "erp-senders-" + e, "erp-senders"));
    }

    private synchronized AsyncProducer producer(String erp) {
        return producers.computeIfAbsent(erp, e -> {
            try {
                AsyncProducer producer = context.getEndpoint("direct:" + routeId(e)).createAsyncProducer();
                producer.start();
                return producer;
            } catch (Exception failure) {
                throw new IllegalStateException("cannot send to the documents route of " + e, failure);
            }
        });
    }
}
