package io.iotbridge.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2/OIDC bearer tokens (JWTs) of one issuer: the signature against the issuer's JWKS
 * (fetched, cached and refreshed on an unknown key id by nimbus-jose-jwt), the issuer, the
 * audience and the expiry; the roles from one claim (a list, or a space-separated string).
 */
public final class JwtVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
    private static final Set<JWSAlgorithm> SIGNATURES = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String rolesClaim;

    public JwtVerifier(String issuer, String jwksUrl, String audience, String rolesClaim) {
        if (audience == null || audience.isBlank() || jwksUrl == null || jwksUrl.isBlank()) {
            throw new IllegalArgumentException("bridge.api.jwt.issuer is set: bridge.api.jwt.jwks-url and"
                    + " bridge.api.jwt.audience must be set too");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL(), new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bridge.api.jwt.jwks-url is not a URL: " + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(SIGNATURES, keys));
        // HashSets: nimbus asks its sets whether they hold null, which Set.of answers with an exception
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(audience)),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("exp", "sub")), new HashSet<>()));
        this.rolesClaim = rolesClaim;
    }

    /** The caller a token stands for; empty for a token that is malformed, forged, foreign or expired. */
    public Optional<Caller> authenticate(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new Caller("jwt:" + claims.getSubject(), roles(claims.toJSONObject())));
        } catch (ParseException | BadJOSEException e) {
            LOG.debug("bearer token refused: {}", e.getMessage());
        } catch (JOSEException e) {
            // the issuer's JWKS could not be fetched: every token fails until it can
            LOG.warn("bearer token not checked, the JWKS could not be read: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** The roles under {@link #rolesClaim}, a dotted path such as realm_access.roles. */
    private Set<Role> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Collection<?> labels = value instanceof Collection<?> list ? list
                : value instanceof String s ? List.of(s.split(" ")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        labels.forEach(label -> Role.of(String.valueOf(label)).ifPresent(roles::add));
        return roles;
    }
}
