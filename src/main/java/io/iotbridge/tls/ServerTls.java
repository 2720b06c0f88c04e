package io.iotbridge.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * HTTPS on the bridge's own servers: with {@code bridge.http.keystore} set, the REST API and
 * status page (bridge.http.port) and the management port (health, metrics) serve TLS only, with
 * that key and certificate, through Camel Main's global SSL context ({@code camel.ssl.*}).
 */
public class ServerTls extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String keystore = properties.resolveProperty(TlsRequirement.HTTP_KEYSTORE).orElse("").trim();
        if (keystore.isEmpty()) {
            return;
        }
        Path file = Path.of(keystore).toAbsolutePath();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(TlsRequirement.HTTP_KEYSTORE + " " + file + " cannot be read (missing or no permission)");
        }
        MainConfigurationProperties config = main.configure();
        config.sslConfig().setEnabled(true);
        config.sslConfig().setKeyStore("file:" + file);
        config.sslConfig().setKeyStoreType(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
        config.sslConfig().setKeystorePassword(properties.resolveProperty("bridge.http.keystore-password").orElse(""));
        config.httpServer().setUseGlobalSslContextParameters(true);
        config.httpManagementServer().setUseGlobalSslContextParameters(true);
    }
}
