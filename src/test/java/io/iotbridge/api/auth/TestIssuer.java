package io.iotbridge.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OIDC issuer for tests: an RSA key whose public half a JDK HTTP server on loopback serves as
 * the issuer's JWKS, and tokens signed with it (or with a key the JWKS does not hold).
 */
final class TestIssuer implements AutoCloseable {

    static final String AUDIENCE = "iot-erp-bridge-test";

    private final RSAKey key;
    private final HttpServer server;
    final String issuer;

    TestIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A token of this issuer for the bridge's audience with {@code roles}, valid for a minute. */
    String token(List<String> roles) throws JOSEException {
        return sign(key, claims(issuer, roles, Instant.now().plus(Duration.ofMinutes(1))));
    }

    String expiredToken(List<String> roles) throws JOSEException {
        return sign(key, claims(issuer, roles, Instant.now().minus(Duration.ofMinutes(10))));
    }

    /** Signed with this issuer's key, but naming another issuer. */
    String tokenNamingAnotherIssuer(List<String> roles) throws JOSEException {
        return sign(key, claims("http://127.0.0.1:1/other", roles, Instant.now().plus(Duration.ofMinutes(1))));
    }

    /** From another issuer altogether: its own key, which this issuer's JWKS does not hold. */
    String tokenOfAnotherIssuer(List<String> roles) throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        return sign(other, claims(issuer, roles, Instant.now().plus(Duration.ofMinutes(1))));
    }

    String tokenForAnotherAudience(List<String> roles) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(issuer, roles, Instant.now().plus(Duration.ofMinutes(1))))
                .audience("another-service").build();
        return sign(key, claims);
    }

    private static JWTClaimsSet claims(String issuer, List<String> roles, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("mes-client").audience(AUDIENCE)
                .expirationTime(Date.from(expiry)).issueTime(new Date()).claim("roles", roles).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
