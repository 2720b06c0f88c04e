package io.iotbridge.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * API keys and their bcrypt hashes ($2b$, the format htpasswd -B and most bcrypt tools write).
 * Only the hash is ever configured or stored; the key is shown once, when it is made.
 */
public final class ApiKeyHash {

    /** bcrypt's cost: 2^10 rounds, about 50-100 ms a check; a verified key is remembered (ApiKeys). */
    public static final int COST = 10;
    /** bcrypt reads at most 72 bytes of a key. */
    static final int MAX_KEY_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    /** A new key {@code <name>.<43 random characters>}: the name tells the bridge which hash to check. */
    public static String newKey(String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return name + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String hash(String key) {
        return hash(key, COST);
    }

    public static String hash(String key, int cost) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("an API key holds at most " + MAX_KEY_BYTES + " bytes");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", key.toCharArray(), salt, cost);
    }

    public static boolean matches(String key, String hash) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, key.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
