package io.iotbridge.historian;

import com.zaxxer.hikari.HikariDataSource;
import io.iotbridge.embedded.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the historian up off the bridge's start path, on a thread of its own: the embedded
 * PostgreSQL when there is one, then the schema (Flyway, src/main/resources/db/historian), then
 * the historian's routes. A database that is away (the plant's PostgreSQL down at the bridge's
 * start) is tried again with a growing pause while everything else runs; readings wait in the
 * historian's queue meanwhile. Stops the routes' database (pool, embedded server) after them.
 */
public final class HistorianDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistorianDatabase.class);

    private final CamelContext context;
    private final HikariDataSource dataSource;
    private final String schema;
    private final EmbeddedPostgresServer embedded;
    private final List<String> routes;
    private final Duration maxDelay;
    private volatile Thread starter;
    private volatile boolean ready;

    /**
     * @param embedded the embedded server to start first, or null for the plant's PostgreSQL
     * @param routes   the historian's routes, started once the schema is in place
     */
    public HistorianDatabase(CamelContext context, HikariDataSource dataSource, String schema, EmbeddedPostgresServer embedded,
                             List<String> routes, Duration maxDelay) {
        this.context = context;
        this.dataSource = dataSource;
        this.schema = schema;
        this.embedded = embedded;
        this.routes = routes;
        this.maxDelay = maxDelay;
    }

    /** Once: Camel tells a startup listener of each start of the context's routes. */
    public synchronized void start() {
        if (starter != null) {
            return;
        }
        starter = new Thread(this::bringUp, "historian-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Whether the schema is in place and the routes were started. */
    public boolean ready() {
        return ready;
    }

    private void bringUp() {
        long started = System.nanoTime();
        try {
            if (embedded != null) {
                embedded.start();
                LOG.info("Historian: embedded PostgreSQL at {} (user postgres, schema {}) started in {} ms",
                        embedded.jdbcUrl(), schema, (System.nanoTime() - started) / 1_000_000);
            }
            migrateWhenReachable();
            monthsAhead();
            for (String route : routes) {
                context.getRouteController().startRoute(route);
            }
            ready = true;
            LOG.info("Historian: schema {} ready, routes {} started, {} ms after the bridge's start", schema, routes,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.error("Historian not started (readings wait in its queue): {}", e.toString(), e);
            }
        }
    }

    private void migrateWhenReachable() throws InterruptedException {
        long delay = 1000;
        while (true) {
            try {
                Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/historian")
                        .load().migrate();
                return;
            } catch (RuntimeException e) {
                if (!HistorianFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warn("Historian: PostgreSQL not reachable ({}); trying again in {} ms, readings wait in its queue",
                        e.getMessage(), delay);
                Thread.sleep(delay); // the historian's own start thread, which nothing else waits for
                delay = Math.min(delay * 2, maxDelay.toMillis());
            }
        }
    }

    /**
     * This month's and next month's partitions, made before any batch needs them: creating a
     * partition locks the whole table briefly, better at start than under a stream of inserts.
     */
    private void monthsAhead() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT ensure_reading_partition(now()), ensure_reading_partition(now() + interval '1 month')");
        }
    }

    @Override
    public synchronized void close() throws Exception {
        Thread t = starter;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
