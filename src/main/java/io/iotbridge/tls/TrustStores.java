package io.iotbridge.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
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
        return context(truststore, password, "", "", "");
    }

    /**
     * The same trust, and the key and certificate the bridge shows when the server asks for one.
     *
     * @param keystoreKey the property naming the key store, for messages (e.g. bridge.mqtt.keystore)
     * @param keystore    path of a PKCS12 (or .jks) key store with one key; blank: no client certificate
     * @param keystorePassword its password (from the environment), also the key's
     */
    public static SSLContext context(String truststore, String password, String keystoreKey, String keystore,
            String keystorePassword) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore == null || truststore.isBlank() ? null
                    : load("bridge.tls.truststore", Path.of(truststore), password));
            KeyManager[] keys = null;
            if (keystore != null && !keystore.isBlank()) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(keystoreKey, Path.of(keystore), keystorePassword), secret(keystorePassword));
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with trust store " + describe(truststore)
                    + (keystore == null || keystore.isBlank() ? "" : " and " + keystoreKey + " " + keystore) + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(String key, Path file, String password) throws GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(key + " " + file + " cannot be read (missing or no permission)");
        }
        char[] secret = secret(password);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret);
        } catch (IOException e) {
            // a wrong password shows as an IOException; say which file, never the password
            throw new IllegalStateException(key + " " + file + " cannot be loaded: " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] secret(String password) {
        return password == null || password.isEmpty() ? null : password.toCharArray();
    }

    private static String describe(String truststore) {
        return truststore == null || truststore.isBlank() ? "(the JVM's default CAs)" : truststore;
    }
}
