package io.iotbridge.api.auth;

import io.iotbridge.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys in force: {@code bridge.api.keys} when set; otherwise those of the keys file
 * ({@code bridge.api.keys-file}, under the state dir). When neither holds a key and no token
 * issuer is configured, the first start makes one key with every role, keeps only its hash in the
 * keys file and prints the key once, so the embedded default stays two commands.
 */
public final class FirstApiKey {

    static final String NAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(FirstApiKey.class);

    private FirstApiKey() {
    }

    public static ApiKeys load(String configured, Path file, boolean tokensConfigured, int httpPort) {
        if (configured != null && !configured.isBlank()) {
            return ApiKeys.parse(configured, "bridge.api.keys");
        }
        try {
            if (Files.exists(file)) {
                return ApiKeys.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file, e);
        }
        if (tokensConfigured) {
            return ApiKeys.parse("", "bridge.api.keys");
        }
        String key = ApiKeyHash.newKey(NAME);
        String entry = NAME + ":ingest,read,operate:" + ApiKeyHash.hash(key) + "\n";
        StateFiles.replace(file, entry.getBytes(StandardCharsets.UTF_8), "API keys file");
        ownerOnly(file);
        // %n as a whole: formatted() on the last literal alone left the first ones' %n in the log
        LOG.warn(("No API key is configured: made the key '{}' with the roles ingest, read and operate; only its"
                + " hash is kept ({}). The key is shown this once:%n%n    {}%n%n  e.g. curl -H 'Authorization: Bearer {}'"
                + " http://localhost:{}/api/v1/sensors%n  (delete {} and restart for a new one)").formatted(),
                NAME, file, key, key, httpPort, file);
        return ApiKeys.parse(entry, file.toString());
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the state dir's own permissions protect it
        }
    }
}
