package io.iotbridge.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated MQTT 5 device: machine {@link #MACHINE_ID} publishing, QoS 1 and every
 * {@code period}, a canonical reading (docs/plant-engineer.md, "The canonical reading") for its spindle temperature and its spindle
 * speed; and its coolant pressure as a bare number in kPa, as a device that cannot send JSON does.
 *
 * <p>One scheduled thread does everything: while the broker is unreachable each tick tries to
 * connect instead of publishing, so the device can be started before the broker and survives
 * broker restarts. Readings are produced only while connected; {@code seq} has no gaps.
 */
public final class SimulatedMqttDevice implements AutoCloseable {

    public static final String MACHINE_ID = "CNC-03";
    public static final String TEMPERATURE_SENSOR = "cnc03-spindle-temp";
    public static final String TEMPERATURE_TOPIC = "plant/line1/CNC-03/spindle-temp";
    public static final String SPEED_SENSOR = "cnc03-spindle-speed";
    public static final String SPEED_TOPIC = "plant/line1/CNC-03/spindle-speed";
    /** Published in the plain form: a bare number in kPa (the entry says payload=number). */
    public static final String COOLANT_TOPIC = "plant/line1/CNC-03/coolant-pressure";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMqttDevice.class);
    /** Always three fraction digits: {@link Instant#toString()} drops them when the millis are 0. */
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String brokerUrl;
    private final String clientId;
    private final Duration period;
    private final Random random = new Random();
    private final AtomicLong published = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private volatile MqttClient client;
    private double temperature = 50;
    private double speed = 150;
    private double coolant = 350;
    private long temperatureSeq;
    private long speedSeq;

    public SimulatedMqttDevice(String brokerUrl, String clientId, Duration period) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.period = period;
    }

    public synchronized void start() throws MqttException {
        if (scheduler != null) {
            return;
        }
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        // a publish waits for its PUBACK at most this long, so a dead broker cannot stall the device
        client.setTimeToWait(Math.max(1000, period.toMillis() * 5));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mqtt-device-" + clientId);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Readings the broker has acknowledged (PUBACK) since start. */
    public long published() {
        return published.get();
    }

    public boolean isConnected() {
        MqttClient current = client;
        return current != null && current.isConnected();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT device {} did not disconnect cleanly", clientId, e);
        }
        scheduler = null;
        client = null;
    }

    private void tick() {
        try {
            if (!client.isConnected()) {
                connect();
                return;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            temperature = wander(temperature, 50, 1.0, 40, 60);
            speed = wander(speed, 150, 4.0, 100, 200);
            publish(TEMPERATURE_TOPIC, new Reading(TEMPERATURE_SENSOR, MACHINE_ID, temperature, "Cel", now,
                    Quality.GOOD, "mqtt", ++temperatureSeq));
            publish(SPEED_TOPIC, new Reading(SPEED_SENSOR, MACHINE_ID, speed, "Hz", now,
                    Quality.GOOD, "mqtt", ++speedSeq));
            coolant = wander(coolant, 350, 3.0, 300, 400);
            publish(COOLANT_TOPIC, String.format(java.util.Locale.ROOT, "%.1f", coolant));
        } catch (MqttException e) {
            LOG.debug("MQTT device {}: {} (retrying next period)", clientId, e.getMessage());
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would silently stop the device
            LOG.warn("MQTT device {} failed a period", clientId, e);
        }
    }

    private void connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        client.connect(options);
        LOG.info("MQTT device {} connected to {}", clientId, brokerUrl);
    }

    private void publish(String topic, Reading reading) throws MqttException {
        publish(topic, toJson(reading));
    }

    private void publish(String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
        published.incrementAndGet();
    }

    /** The canonical reading JSON, fields in the order of docs/plant-engineer.md, "The canonical reading". */
    static String toJson(Reading reading) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sensorId", reading.sensorId());
        fields.put("machineId", reading.machineId());
        fields.put("value", reading.value());
        fields.put("unit", reading.unit());
        fields.put("ts", TS.format(reading.ts()));
        fields.put("quality", reading.quality().name());
        fields.put("source", reading.source());
        fields.put("seq", reading.seq());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reading " + reading.id(), e);
        }
    }

    /** A bounded random walk pulled back towards {@code centre}, rounded to two decimals. */
    private double wander(double value, double centre, double step, double min, double max) {
        double next = value + (centre - value) * 0.1 + random.nextGaussian() * step;
        return Math.round(Math.max(min, Math.min(max, next)) * 100) / 100.0;
    }
}
