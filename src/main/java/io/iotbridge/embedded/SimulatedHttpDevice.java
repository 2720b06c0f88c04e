package io.iotbridge.embedded;

import io.iotbridge.api.auth.ApiKeyHash;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's HTTP device: PRESS-07's supply cabinet energy meter ({@link #SENSOR}),
 * POSTing its cumulative kW.h reading to the bridge's own {@code /api/v1/readings} every period,
 * as a plant's device would. It holds an API key of its own with the role ingest only, made at
 * each start and kept in memory (never logged, never written), so the demo's key stays the
 * operator's. Until the API answers it tries again each period, quietly.
 */
public final class SimulatedHttpDevice implements AutoCloseable {

    public static final String SENSOR = "press07-energy";
    public static final String MACHINE_ID = "PRESS-07";
    /** The API key's name, as it appears in the API's access log. */
    public static final String KEY_NAME = "simulated-press07";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHttpDevice.class);

    private final URI readings;
    private final Duration period;
    private final String key = ApiKeyHash.newKey(KEY_NAME);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random();
    private final AtomicLong accepted = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private double energy = 1200;
    private long seq;

    public SimulatedHttpDevice(int httpPort, Duration period) {
        this.readings = URI.create("http://localhost:" + httpPort + "/api/v1/readings");
        this.period = period;
    }

    /** The entry for the API's keys: this device's name, the role ingest and the key's bcrypt hash. */
    public String keyEntry() {
        return KEY_NAME + ":ingest:" + ApiKeyHash.hash(key);
    }

    /** Readings the API accepted since start. */
    public long accepted() {
        return accepted.get();
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "http-device-" + SENSOR);
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            scheduler = null;
        }
    }

    private void tick() {
        // a cabinet drawing 30 to 60 kW: its meter advances that much per hour
        double next = energy + (30 + 30 * random.nextDouble()) * period.toMillis() / 3_600_000.0;
        Reading reading = new Reading(SENSOR, MACHINE_ID, next, "kW.h", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Quality.GOOD, "http", seq + 1);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(readings).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SimulatedMqttDevice.toJson(reading))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                energy = next;
                seq++;
                accepted.incrementAndGet();
            } else {
                LOG.debug("HTTP device {}: the API answered {} (retrying next period)", SENSOR, answer.statusCode());
            }
        } catch (IOException e) {
            LOG.debug("HTTP device {}: {} (retrying next period)", SENSOR, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would silently stop the device
            LOG.warn("HTTP device {} failed a period", SENSOR, e);
        }
    }
}
