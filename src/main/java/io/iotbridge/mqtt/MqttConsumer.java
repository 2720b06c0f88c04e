package io.iotbridge.mqtt;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalogue entry's reader on its broker's shared connection. Starting registers it there,
 * stopping only unregisters it: the subscription and the session stay (see {@link BrokerConnection}).
 */
final class MqttConsumer extends DefaultConsumer {

    /** The topic the message was published on (a filter with wildcards matches many). */
    static final String TOPIC = "iotMqttTopic";

    private static final Logger LOG = LoggerFactory.getLogger(MqttConsumer.class);

    private final MqttEndpoint endpoint;
    private BrokerConnection connection;

    MqttConsumer(MqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    TopicFilter filter() {
        return endpoint.filter();
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

    /** Runs the route for one message; true when the exchange completed without an exception. */
    boolean process(String topic, byte[] payload) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(payload);
            exchange.getMessage().setHeader(TOPIC, topic);
            getProcessor().process(exchange);
            if (exchange.getException() != null || exchange.isRollbackOnly()) {
                LOG.warn("MQTT message on {} failed: {}", topic, String.valueOf(exchange.getException()));
                return false;
            }
            return true;
        } catch (Exception e) {
            LOG.warn("MQTT message on {} failed: {}", topic, e.toString());
            return false;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
