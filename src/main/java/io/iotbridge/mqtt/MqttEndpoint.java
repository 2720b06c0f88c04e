package io.iotbridge.mqtt;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** {@code iot-mqtt:<topic filter>?broker=<url>&sharedGroup=<group>}: read only. */
final class MqttEndpoint extends DefaultEndpoint {

    private final MqttBrokers brokers;
    private final String broker;
    private final TopicFilter filter;

    MqttEndpoint(String uri, MqttComponent component, MqttBrokers brokers, String broker, TopicFilter filter) {
        super(uri, component);
        this.brokers = brokers;
        this.broker = broker;
        this.filter = filter;
    }

    MqttBrokers brokers() {
        return brokers;
    }

    String broker() {
        return broker;
    }

    TopicFilter filter() {
        return filter;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("iot-mqtt only reads; devices publish");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MqttConsumer consumer = new MqttConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
