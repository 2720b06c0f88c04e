package io.iotbridge.tls;

import javax.net.ssl.SSLContext;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** The TLS context of the bridge's outgoing connections (bridge.tls.*), bean tls. */
@Configuration
public class TlsConfiguration {

    @BindToRegistry
    public SSLContext tls(@PropertyInject("bridge.tls.truststore") String truststore,
            @PropertyInject("bridge.tls.truststore-password") String truststorePassword) {
        return TrustStores.context(truststore, truststorePassword);
    }
}
