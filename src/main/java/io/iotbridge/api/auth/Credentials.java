package io.iotbridge.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What an Authorization header proves. {@code Bearer <API key or JWT>} for programs;
 * {@code Basic} with the key (or token) as the password for a browser on the status page, which
 * asks for it and sends it with the page's own API calls. A JWT has three dot-separated parts,
 * a key two.
 */
public final class Credentials {

    private final ApiKeys keys;
    private final JwtVerifier tokens;

    /** {@code tokens} may be null: no issuer configured, keys only. */
    public Credentials(ApiKeys keys, JwtVerifier tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    public Optional<Caller> authenticate(String authorization) {
        String secret = secret(authorization);
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        if (secret.chars().filter(c -> c == '.').count() == 2) {
            return tokens == null ? Optional.empty() : tokens.authenticate(secret);
        }
        return keys.authenticate(secret);
    }

    private static String secret(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split(" +", 2);
        if (parts.length != 2) {
            return null;
        }
        if (parts[0].equalsIgnoreCase("Bearer")) {
            return parts[1].trim();
        }
        if (parts[0].equalsIgnoreCase("Basic")) {
            try {
                String pair = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
