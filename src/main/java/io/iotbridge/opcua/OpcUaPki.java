package io.iotbridge.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's OPC UA application instance certificate and its trust in servers, kept in one
 * folder (bridge.opcua.pki-dir):
 *
 * <pre>
 * client/iot-erp-bridge.p12      key pair and certificate (PKCS#12, owner-only), made on first start
 * client/iot-erp-bridge.der      the certificate alone, to hand to the servers' administrators
 * client/keystore.password       generated keystore password (owner-only), absent when it comes from the environment
 * trusted/certs/                 server certificates the bridge trusts (DER); watched, no restart needed
 * issuer/certs/, trusted/crl/, issuer/crl/   CA certificates and revocation lists, if servers use a CA
 * rejected/                      certificates of servers the bridge refused; move one to trusted/certs/ to trust it
 * </pre>
 */
public final class OpcUaPki implements AutoCloseable {

    static final String ALIAS = "iot-erp-bridge";
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaPki.class);

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final String applicationUri;
    private final FileBasedTrustListManager trustList;
    private final CertificateValidator validator;

    private OpcUaPki(KeyPair keyPair, X509Certificate certificate, String applicationUri,
            FileBasedTrustListManager trustList, CertificateValidator validator) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.applicationUri = applicationUri;
        this.trustList = trustList;
        this.validator = validator;
    }

    /**
     * Loads the certificate from {@code dir}, or creates it there on first start.
     *
     * @param keyStorePassword the keystore password from the environment, or empty: then it is
     *                         read from (or generated into) client/keystore.password
     */
    public static OpcUaPki open(Path dir, String applicationUri, String keyStorePassword)
            throws IOException, GeneralSecurityException {
        Path client = ownerOnlyDirectory(dir.resolve("client"));
        char[] password = password(client, keyStorePassword);
        Path store = client.resolve(ALIAS + ".p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        if (Files.exists(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the OPC UA client keystore " + store
                        + " (wrong keystore password?): " + e.getMessage(), e);
            }
        } else {
            create(keyStore, applicationUri, password);
            writeOwnerOnly(store, out -> keyStore.store(out, password));
            Files.write(client.resolve(ALIAS + ".der"), keyStore.getCertificate(ALIAS).getEncoded());
            LOG.info("OPC UA client certificate created in {}", client);
        }
        if (!(keyStore.getKey(ALIAS, password) instanceof PrivateKey key)
                || !(keyStore.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new IllegalStateException("the OPC UA client keystore " + store + " has no key '" + ALIAS + "'");
        }
        String storedUri = CertificateUtil.getSanUri(certificate).orElse("");
        if (!storedUri.equals(applicationUri)) {
            // a server checks that the session's application URI is the certificate's
            throw new IllegalStateException("the OPC UA client certificate in " + store + " is for application URI '"
                    + storedUri + "', bridge.opcua.application-uri is '" + applicationUri
                    + "': set it back, or delete the client folder to have a new certificate made");
        }
        FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(dir);
        var quarantine = FileBasedCertificateQuarantine.create(dir.resolve("rejected"));
        var validator = untrustedNamed(new DefaultClientCertificateValidator(trustList, quarantine), dir);
        OpcUaPki pki = new OpcUaPki(new KeyPair(certificate.getPublicKey(), key), certificate, applicationUri,
                trustList, validator);
        LOG.info("OPC UA client certificate {} (thumbprint {}), trusted server certificates in {}",
                certificate.getSubjectX500Principal(), pki.thumbprint(), dir.resolve("trusted/certs"));
        return pki;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String applicationUri() {
        return applicationUri;
    }

    /** Accepts a server certificate only if it (or its CA) is in trusted/, and quarantines it otherwise. */
    public CertificateValidator serverValidator() {
        return validator;
    }

    /** The SHA-1 thumbprint OPC UA uses to name certificates, as hex. */
    public String thumbprint() {
        try {
            return HexFormat.of().formatHex(CertificateUtil.thumbprint(certificate).bytesOrEmpty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        trustList.close();
    }

    /** Milo's refusal says only what the JDK's path builder said; say which certificate and what to do. */
    private static CertificateValidator untrustedNamed(CertificateValidator validator, Path dir) {
        return (chain, applicationUri, hostNames) -> {
            try {
                validator.validateCertificateChain(chain, applicationUri, hostNames);
            } catch (UaException e) {
                X509Certificate server = chain.get(0);
                // no cause: connection errors are reported by their innermost OPC UA status
                throw new UaException(e.getStatusCode().getValue(), "server certificate '" + server.getSubjectX500Principal()
                        + "' is not trusted (" + e.getMessage() + "): it was put in " + dir.resolve("rejected")
                        + "; move it to " + dir.resolve("trusted/certs") + " to trust it");
            }
        };
    }

    private static void create(KeyStore keyStore, String applicationUri, char[] password)
            throws GeneralSecurityException, IOException {
        KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String host = InetAddress.getLocalHost().getHostName();
        X509Certificate certificate;
        try {
            certificate = new SelfSignedCertificateBuilder(pair)
                    .setCommonName("iot-erp-bridge")
                    .setOrganization("iot-erp-bridge")
                    .setApplicationUri(applicationUri)
                    .addDnsName(host)
                    .addDnsName("localhost")
                    .build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the OPC UA client certificate", e);
        }
        keyStore.load(null, password);
        keyStore.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
    }

    private static char[] password(Path client, String fromEnvironment) throws IOException, GeneralSecurityException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.toCharArray();
        }
        Path file = client.resolve("keystore.password");
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            writeOwnerOnly(file, out -> out.write(generated.getBytes(StandardCharsets.US_ASCII)));
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    private interface Writer {
        void write(OutputStream out) throws IOException, GeneralSecurityException;
    }

    /** Creates the file with owner-only permissions before anything secret is written to it. */
    private static void writeOwnerOnly(Path file, Writer writer) throws IOException, GeneralSecurityException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        if (posix(file)) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.write(out);
        }
        Files.move(partial, file);
    }

    private static Path ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
