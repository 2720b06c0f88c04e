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

    /** Channels kept open for reuse: the ERP consumers' (publishes go over BrokerPublisher's own connection). */
    static final int CHANNELS = 50;

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
        // no publisher confirms here: BrokerPublisher publishes over a confirm channel of its own
        // (ConfirmChannel), as Spring gives a confirm channel back to its cache only once its
        // confirms are in, which took a channel per unconfirmed reading
        factory.setChannelCacheSize(CHANNELS);
        factory.addConnectionListener(topology);
        factory.setConnectionNameStrategy(cf -> "iot-erp-bridge");
        return factory;
    }

    /** The URL as it may appear in a log: the password replaced. */
    public static String redacted(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:****@");
    }
}
