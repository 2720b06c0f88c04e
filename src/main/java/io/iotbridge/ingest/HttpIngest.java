package io.iotbridge.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.api.Problem;
import io.iotbridge.catalogue.CatalogueEntry;
import io.iotbridge.catalogue.CatalogueGate;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.Header;

/**
 * POST /api/v1/readings: one canonical reading or an array of them from HTTP devices.
 *
 * <p>The whole request is checked against schemas/reading.schema.json first; if any reading
 * breaks it, the answer is 400 naming each reading, field and reason, and nothing is published.
 * Otherwise each reading goes, in order and asynchronously, to {@code direct:http-reading},
 * which hands it to its sensor's catalogue entry (the entry's {@code http-sensor-source} Kamelet)
 * and so through reading-buffer-sink's confirmed publish. The answer is 202 only after the broker
 * confirmed every reading (or, for a refused one, its copy in iot.rejected); it lists each
 * reading as accepted or rejected with the reason. If a publish fails (broker down), the answer
 * is 503 and the client must send the request again.
 *
 * <p>Why Java and not a split in the DSL: each reading must run as an exchange of its own, so the
 * shared error handling (routes/errors.camel.yaml) refuses exactly that reading, with exactly its
 * JSON, to iot.rejected; and the first failure must stop the request with 503.
 */
public class HttpIngest {

    /** The route that hands one reading to its sensor's entry. */
    public static final String READING_ENDPOINT = "direct:http-reading";
    /**
     * Each HTTP sensor's entry listens here, suffixed with its sensor id (the http-sensor-source
     * Kamelet's {@code from}; keep both in step).
     */
    public static final String SENSOR_ENDPOINT = "direct:http-sensor-";
    /**
     * Set on each reading's exchange: errors.camel.yaml then does not retry a failed publish
     * without end, as it does for sources that can wait, and the failure reaches the client.
     */
    public static final String SYNCHRONOUS = "iotSynchronousIngest";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpIngest.class);

    /** Requests whose readings are handed over at once; each thread waits only for a refused reading's copy in iot.rejected. */
    private static final int HANDOVER_THREADS = 8;
    private static final String REJECT_REASON = "iotRejectReason";
    private static final String REJECT_MESSAGE = "iotRejectMessage";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What happened to one reading of an accepted request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String id, String status, String reason, String message) {
    }

    private final ReadingSchema schema;
    private final Supplier<CatalogueGate> catalogue;
    private final CamelContext context;
    private final LazyProducer producer;
    private volatile ExecutorService handover;

    public HttpIngest(ReadingSchema schema, Supplier<CatalogueGate> catalogue, CamelContext context) {
        this.schema = schema;
        this.catalogue = catalogue;
        this.context = context;
        this.producer = new LazyProducer(context, READING_ENDPOINT);
    }

    /** Handles the POST: sets the response code and the JSON body (a problem when nothing was taken). */
    public void ingest(Exchange exchange) throws JsonProcessingException {
        String text = exchange.getMessage().getBody(String.class);
        List<JsonNode> readings = new ArrayList<>();
        List<ReadingSchema.Violation> violations = parse(text, readings);
        if (!violations.isEmpty()) {
            ObjectNode problem = Problem.of(400, "the request does not match schemas/" + ReadingSchema.FILE
                    + "; nothing was published");
            problem.set("errors", JSON.valueToTree(violations));
            exchange.getMessage().setBody(Problem.answer(exchange, problem));
            return;
        }
        List<Result> results = new ArrayList<>();
        String failure = publish(readings, results);
        if (failure != null) {
            exchange.getMessage().setBody(Problem.answer(exchange, 503, "the readings could not be buffered ("
                    + failure + "); nothing is acknowledged, send the request again"));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", results.stream().filter(r -> r.status().equals("accepted")).count());
        answer.put("rejected", results.stream().filter(r -> r.status().equals("rejected")).count());
        answer.put("results", results);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(answer));
    }

    /**
     * The endpoint of the HTTP sensor's catalogue entry; refuses a sensor that has none, or whose
     * entry reads it from another source.
     */
    public String sensorEndpoint(@Header(SensorReadings.SENSOR_ID) String sensorId) {
        CatalogueEntry entry = catalogue.get().entry(sensorId).orElseThrow(() -> new ReadingRejectedException(
                "unknown-sensor", "no catalogue entry has sensor id '" + sensorId + "'"));
        if (!"http".equals(entry.source())) {
            throw new ReadingRejectedException("unknown-sensor", "sensor " + sensorId + " is read over "
                    + entry.source() + " (" + entry.describe() + " in " + entry.file() + "), not posted over HTTP");
        }
        // block=false: an entry being reloaded this instant answers 503 at once instead of holding the request
        return SENSOR_ENDPOINT + sensorId + "?block=false";
    }

    /** The readings of the body (one object or an array), or what is wrong with them. */
    private List<ReadingSchema.Violation> parse(String text, List<JsonNode> readings) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of(new ReadingSchema.Violation(null, null, "the body is not JSON: " + e.getOriginalMessage()));
        }
        if (body == null) {
            return List.of(new ReadingSchema.Violation(null, null, "the body is empty; send a reading or an array of readings"));
        }
        if (body.isArray()) {
            body.forEach(readings::add);
        } else {
            readings.add(body);
        }
        if (readings.isEmpty()) {
            return List.of(new ReadingSchema.Violation(null, null, "the array holds no reading"));
        }
        List<ReadingSchema.Violation> violations = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            violations.addAll(schema.violations(i, readings.get(i)));
        }
        return violations;
    }

    /**
     * Publishes the readings, handed over in order and confirmed together (a meter or counter
     * reading waits for its batch, ReadingBatches: one after the other, each would wait the batch
     * linger); the first failure, or {@code null} once every one is buffered or refused.
     */
    private String publish(List<JsonNode> readings, List<Result> results) {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        readings.forEach(r -> sent.add(new CompletableFuture<>()));
        // handed over from a thread of its own: on this one (a Camel route's) the routing of each
        // reading would be queued behind the request's own, which waits for them
        handover().execute(() -> {
            try {
                AsyncProducer to = producer.get();
                for (int i = 0; i < readings.size(); i++) {
                    JsonNode reading = readings.get(i);
                    Exchange e = to.getEndpoint().createExchange();
                    e.setProperty(SYNCHRONOUS, true);
                    e.getMessage().setHeader(SensorReadings.SENSOR_ID, reading.get("sensorId").asText());
                    e.getMessage().setBody(reading.toString());
                    CompletableFuture<Exchange> done = sent.get(i);
                    try {
                        to.process(e, doneSync -> done.complete(e));
                    } catch (RuntimeException failure) {
                        e.setException(failure);
                        done.complete(e);
                    }
                }
            } catch (RuntimeException failure) {
                // no producer or no exchange: every reading not handed over fails with it, so the
                // request's thread, which waits for each, answers instead of waiting for good
                sent.stream().filter(f -> !f.isDone()).forEach(f -> {
                    Exchange e = new org.apache.camel.support.DefaultExchange(context);
                    e.setException(failure);
                    f.complete(e);
                });
            }
        });
        String failure = null;
        for (int i = 0; i < readings.size(); i++) {
            JsonNode reading = readings.get(i);
            String sensorId = reading.get("sensorId").asText();
            Exchange done = sent.get(i).join();
            if (failure != null) {
                continue;
            }
            if (done.getException() instanceof DirectConsumerNotAvailableException) {
                LOG.debug("a reading of {} was answered 503: its catalogue entry is starting or being reloaded", sensorId);
                failure = "the catalogue entry of sensor " + sensorId + " is starting or being reloaded";
            } else if (done.getException() != null) {
                failure = done.getException().getMessage();
            } else {
                String reason = done.getMessage().getHeader(REJECT_REASON, String.class);
                results.add(reason == null
                        ? new Result(i, id(reading), "accepted", null, null)
                        : new Result(i, id(reading), "rejected", reason, done.getMessage().getHeader(REJECT_MESSAGE, String.class)));
            }
        }
        return failure;
    }

    /** The reading's id, {@code <sensorId>:<ts epoch ms>:<seq>}, as the canonical reading has it. */
    private static String id(JsonNode reading) {
        String ts = reading.get("ts").asText();
        String millis;
        try {
            millis = String.valueOf(Instant.parse(ts).toEpochMilli());
        } catch (DateTimeException | ArithmeticException e) {
            millis = ts;
        }
        return reading.get("sensorId").asText() + ":" + millis + ":" + reading.path("seq").asLong(0);
    }

    private ExecutorService handover() {
        ExecutorService h = handover;
        if (h == null) {
            synchronized (this) {
                if (handover == null) {
                    handover = context.getExecutorServiceManager().newFixedThreadPool(this, "http-ingest", HANDOVER_THREADS);
                }
                h = handover;
            }
        }
        return h;
    }
}
