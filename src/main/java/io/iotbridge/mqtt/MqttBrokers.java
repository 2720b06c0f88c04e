package io.iotbridge.mqtt;

import io.iotbridge.health.Stages;
import io.iotbridge.health.SourceConnectionHealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One {@link BrokerConnection} per broker URL, each with its health check. Connections open only
 * once the bridge has fully started, every entry's route consuming, so the messages a broker kept
 * for the session find their entry; a broker first named later (a reload) connects at once.
 * Connections stay until the bridge stops, so a reloaded entry finds its subscription.
 */
public final class MqttBrokers implements StartupListener {

    /** The route that refuses a message no entry read (mqtt-unclaimed.camel.yaml). */
    static final String UNCLAIMED = "direct:mqtt-unclaimed";

    private final CamelContext context;
    private final MqttSettings settings;
    private final String defaultBroker;
    private final Map<String, BrokerConnection> byUrl = new LinkedHashMap<>();
    private final Map<String, Boolean> watched = new LinkedHashMap<>();
    private ProducerTemplate template;
    private boolean started;

    /**
     * @param defaultBroker bridge.mqtt.url: connected at start even when no entry names it, so a
     *                      session whose entries were all removed while the bridge was away is
     *                      still drained (its messages refused as unknown-sensor)
     */
    MqttBrokers(CamelContext context, MqttSettings settings, String defaultBroker) {
        this.context = context;
        this.settings = settings;
        this.defaultBroker = defaultBroker == null ? "" : defaultBroker.trim();
    }

    /** The connection an entry reads from; its health check counts from then on. */
    synchronized BrokerConnection connection(String url) {
        BrokerConnection connection = open(url);
        if (watched.putIfAbsent(url, Boolean.TRUE) == null) {
            SourceConnectionHealthCheck health = new SourceConnectionHealthCheck("mqtt", "broker",
                    connection.brokerName(), connection::isSubscribed, connection::state);
            health.setCamelContext(context);
            HealthCheckRegistry.get(context).register(health);
        }
        return connection;
    }

    private BrokerConnection open(String url) {
        BrokerConnection connection = byUrl.get(url);
        if (connection == null) {
            try {
                connection = new BrokerConnection(url, settings, this::refuse, () -> context.getStatus().isStarted(),
                        stages());
            } catch (MqttException e) {
                throw new IllegalArgumentException("MQTT broker " + url + ": " + e.getMessage(), e);
            }
            byUrl.put(url, connection);
            if (started) {
                connection.open();
            }
        }
        return connection;
    }

    private java.util.function.Function<String, io.iotbridge.health.StageProgress> stages() {
        Stages stages = context.getRegistry().findSingleByType(Stages.class);
        return stages != null ? stages::stage : Stages::untracked;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes may still be starting: wait for fully started
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        started = true;
        if (!defaultBroker.isEmpty()) {
            open(defaultBroker);
        }
        byUrl.values().forEach(BrokerConnection::open);
    }

    /** Sends a message no entry read to iot.rejected as unknown-sensor; true once it is there. */
    private boolean refuse(String broker, String topic, byte[] payload) {
        Exchange done = template().send(UNCLAIMED, e -> {
            e.getMessage().setHeader("iotSensorId", topic);
            e.getMessage().setHeader("iotMqttBroker", broker);
            e.getMessage().setHeader(MqttConsumer.TOPIC, topic);
            e.getMessage().setBody(payload);
        });
        return done.getException() == null;
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    /** Disconnects every broker, unsubscribing nothing (at shutdown). */
    synchronized void closeAll() {
        byUrl.values().forEach(BrokerConnection::close);
        byUrl.clear();
        watched.clear();
        started = false;
    }
}
