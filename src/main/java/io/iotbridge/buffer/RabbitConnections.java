package io.iotbridge.buffer;

import java.net.URI;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** Builds the one AMQP connection factory of the bridge from {@code bridge.rabbitmq.url}. */
public final class RabbitConnections {

    private RabbitConnections() {
    }

    public static CachingConnectionFactory connectionFactory(String url, RabbitTopology topology) {
        CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(url));
        // publisher confirms and returns: a publish counts as done only once the broker has
        // taken it and routed it to a queue (BrokerPublisher waits for both)
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        factory.addConnectionListener(topology);
        factory.setConnectionNameStrategy(cf -> "iot-erp-bridge");
        return factory;
    }

    /** The URL as it may appear in a log: the password replaced. */
    public static String redacted(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:****@");
    }
}
