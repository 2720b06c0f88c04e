package io.iotbridge.mqtt;

import io.iotbridge.api.LogSafe;
import io.iotbridge.ingest.HttpIngest;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalogue entry's reader on its broker's shared connection. Starting registers it there,
 * stopping only unregisters it: the subscription and the session stay (see {@link BrokerConnection}).
 */
final class MqttConsumer extends DefaultConsumer implements TopicReader {

    /** The topic the message was published on (a filter with wildcards matches many). */
    static final String TOPIC = "iotMqttTopic";

    private static final Logger LOG = LoggerFactory.getLogger(MqttConsumer.class);

    private final MqttEndpoint endpoint;
    private BrokerConnection connection;

    MqttConsumer(MqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public TopicFilter filter() {
        return endpoint.filter();
    }

    /**
     * True while this is its route's running consumer. A reload can leave a consumer registered
     * whose route Camel already replaced or removed; such a one reads nothing any more.
     */
    @Override
    public boolean isLive() {
        Route route = getRoute();
        return isRunAllowed() && route != null && route.getConsumer() == this
                && getEndpoint().getCamelContext().getRoute(route.getRouteId()) == route;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connection = endpoint.brokers().connection(endpoint.broker());
        connection.register(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            connection.unregister(this);
        }
        super.doStop();
    }

    @Override
    public boolean isStale() {
        return getRoute() != null && getEndpoint().getCamelContext().getRoute(getRouteId()) != getRoute();
    }

    /**
     * Runs the route for one message, on the connection's worker (an entry with steps of its own
     * is waited for; entries read as data are not): true when the exchange completed without an exception.
     */
    @Override
    public CompletableFuture<Boolean> process(String topic, byte[] payload) {
        return CompletableFuture.completedFuture(isLive() && run(topic, payload));
    }

    private boolean run(String topic, byte[] payload) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(payload);
            exchange.getMessage().setHeader(TOPIC, topic);
            // a failure comes back here at once instead of being retried inside the route: the
            // connection retries, and can see meanwhile that a reload replaced this entry
            exchange.setProperty(HttpIngest.SYNCHRONOUS, true);
            getProcessor().process(exchange);
            if (exchange.getException() != null || exchange.isRollbackOnly()) {
                LOG.warn("MQTT message on {} failed: {}", LogSafe.of(topic), LogSafe.of(exchange.getException()));
                return false;
            }
            return true;
        } catch (Exception e) {
            LOG.warn("MQTT message on {} failed: {}", LogSafe.of(topic), LogSafe.of(e));
            return false;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
