package io.iotbridge.tls;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;

/**
 * A key and a self-signed certificate made at test time (never committed), in the files TLS
 * servers and clients take: PEM for Mosquitto and RabbitMQ, PKCS12 key and trust stores for Java.
 */
public record TestCertificate(KeyPair keys, X509Certificate certificate) {

    /** For {@code name} (common name and DNS name), e.g. {@code localhost}. */
    public static TestCertificate of(String name) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate cert = new SelfSignedCertificateBuilder(keys).setCommonName(name)
                .setApplicationUri("urn:iotbridge:test:" + name).setCountryCode("DE").addDnsName(name).build();
        return new TestCertificate(keys, cert);
    }

    public Path certificatePem(Path file) throws Exception {
        return pem(file, "CERTIFICATE", certificate.getEncoded());
    }

    public Path keyPem(Path file) throws Exception {
        return pem(file, "PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** A PKCS12 trust store holding this certificate. */
    public Path truststore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("trusted", certificate);
        return store(store, file, password);
    }

    /** A PKCS12 key store holding this key and certificate. */
    public Path keystore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        return store(store, file, password);
    }

    private static Path store(KeyStore store, Path file, String password) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
