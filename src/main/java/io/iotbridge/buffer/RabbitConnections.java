package io.iotbridge.buffer;

import com.rabbitmq.client.ConnectionFactory;
import io.iotbridge.tls.TrustStores;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** Builds the one AMQP connection factory of the bridge from {@code bridge.rabbitmq.url}. */
public final class RabbitConnections {

    /** Channels on the bridge's one AMQP connection (RabbitMQ allows 2,047 by default). */
    static final int CHANNELS = 500;
    static final long CHANNEL_CHECKOUT_MILLIS = 10_000;

    private RabbitConnections() {
    }

    /** As {@link #connectionFactory(String, SSLContext, RabbitTopology)}, trusting the JVM's default CAs. */
    public static CachingConnectionFactory connectionFactory(String url, RabbitTopology topology) {
        return connectionFactory(url, TrustStores.context("", ""), topology);
    }

    /**
     * @param tls the TLS context for an amqps:// URL (the RabbitMQ client's own default for amqps
     *     trusts every certificate; this one checks the broker's certificate and host name)
     */
    public static CachingConnectionFactory connectionFactory(String url, SSLContext tls, RabbitTopology topology) {
        ConnectionFactory rabbit = new ConnectionFactory();
        try {
            rabbit.setUri(URI.create(url));
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bridge.rabbitmq.url " + redacted(url) + " is not an AMQP URL: " + e.getMessage(), e);
        }
        if (rabbit.isSSL()) {
            rabbit.useSslProtocol(tls);
            rabbit.enableHostnameVerification();
        }
        CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
        // publisher confirms and returns: a publish counts as done only once the broker has
        // taken it and routed it to a queue (BrokerPublisher waits for both)
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        // Spring AMQP gives a channel back to its cache only once its confirms are in: with thousands
        // of readings in flight a small cache meant a new channel (two round trips) per reading, and
        // the OPC UA delivery thread stalled on them. At most CHANNELS, consumers' included; beyond
        // that a publish waits for one to come back (back-pressure), and fails after the timeout
        factory.setChannelCacheSize(CHANNELS);
        factory.setChannelCheckoutTimeout(CHANNEL_CHECKOUT_MILLIS);
        factory.addConnectionListener(topology);
        factory.setConnectionNameStrategy(cf -> "iot-erp-bridge");
        return factory;
    }

    /** The URL as it may appear in a log: the password replaced. */
    public static String redacted(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:****@");
    }
}
