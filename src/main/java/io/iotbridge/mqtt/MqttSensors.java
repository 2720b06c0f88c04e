package io.iotbridge.mqtt;

import io.iotbridge.api.LogSafe;
import io.iotbridge.catalogue.SensorEntry;
import io.iotbridge.catalogue.SensorSource;
import io.iotbridge.ingest.EntryReadings;
import io.iotbridge.ingest.HttpIngest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT catalogue entries read as data: each is a topic on its broker's one connection
 * ({@link BrokerConnection}), found by topic for every message and handed to the buffer route
 * without waiting for its broker confirm (the connection acknowledges it once confirmed).
 * Acknowledgement, retries, parking during a reload and the persistent session are the
 * connection's, exactly as for an entry that is a route.
 */
public final class MqttSensors implements SensorSource {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSensors.class);

    private final MqttBrokers brokers;
    private final EntryReadings readings;

    MqttSensors(CamelContext context, MqttBrokers brokers) {
        this.brokers = brokers;
        this.readings = new EntryReadings(context);
    }

    @Override
    public String source() {
        return "mqtt";
    }

    @Override
    public Reading start(SensorEntry entry) {
        Map<String, String> p = entry.source();
        String broker = p.getOrDefault("broker", "").trim();
        if (broker.isEmpty()) {
            throw new IllegalArgumentException("missing parameter broker (tcp://host:1883 or ssl://host:8883), and bridge.mqtt.url is empty");
        }
        TopicFilter filter;
        try {
            filter = new TopicFilter(p.get("topic"), p.get("sharedGroup"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("topic '" + p.get("topic") + "' is not an MQTT topic filter: " + e.getMessage(), e);
        }
        EntryReader reader = new EntryReader(entry, filter, EntryReadings.headers(entry));
        BrokerConnection connection = brokers.connection(broker);
        connection.register(reader);
        return () -> {
            reader.stopped = true;
            connection.unregister(reader);
        };
    }

    private final class EntryReader implements TopicReader {
        private final SensorEntry entry;
        private final TopicFilter filter;
        private final Map<String, Object> headers;
        private volatile boolean stopped;

        EntryReader(SensorEntry entry, TopicFilter filter, Map<String, Object> headers) {
            this.entry = entry;
            this.filter = filter;
            this.headers = headers;
        }

        @Override
        public TopicFilter filter() {
            return filter;
        }

        @Override
        public boolean isLive() {
            return !stopped;
        }

        @Override
        public CompletableFuture<Boolean> process(String topic, byte[] payload) {
            Map<String, Object> message = new HashMap<>(headers);
            message.put(MqttConsumer.TOPIC, topic);
            CompletableFuture<Boolean> taken = new CompletableFuture<>();
            // a failure comes back at once instead of being retried inside the route: the
            // connection retries, unacknowledged, and sees meanwhile whether a reload replaced the entry
            readings.send(message, new String(payload, StandardCharsets.UTF_8), Map.of(HttpIngest.SYNCHRONOUS, true), failure -> {
                if (failure != null) {
                    // the connection warns once while messages fail, not once per message
                    LOG.debug("MQTT message on {} for {} failed: {}", LogSafe.of(topic), entry, LogSafe.of(failure));
                }
                taken.complete(failure == null);
            });
            return taken;
        }
    }
}
