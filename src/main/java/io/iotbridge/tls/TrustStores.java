package io.iotbridge.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context every outgoing connection of the bridge uses (RabbitMQ amqps://, MQTT ssl://):
 * it trusts the certificates of {@code bridge.tls.truststore} (PKCS12 or JKS), or the JVM's
 * own CAs when none is set. Never a trust-everything context: the broker's certificate is
 * checked, and callers also check its host name.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * @param truststore path of the trust store; blank: the JVM's default CAs
     * @param password its password (from the environment, BRIDGE_TLS_TRUSTSTORE_PASSWORD); may be blank
     */
    public static SSLContext context(String truststore, String password) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore == null || truststore.isBlank() ? null : load(Path.of(truststore), password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with trust store " + describe(truststore) + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("bridge.tls.truststore " + file + " cannot be read (missing or no permission)");
        }
        char[] secret = password == null || password.isEmpty() ? null : password.toCharArray();
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret);
        } catch (IOException e) {
            // a wrong password shows as an IOException; say which file, never the password
            throw new IllegalStateException("bridge.tls.truststore " + file + " cannot be loaded: " + e.getMessage(), e);
        }
        return store;
    }

    private static String describe(String truststore) {
        return truststore == null || truststore.isBlank() ? "(the JVM's default CAs)" : truststore;
    }
}
