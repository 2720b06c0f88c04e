package io.iotbridge.historian;

import com.zaxxer.hikari.HikariDataSource;
import io.iotbridge.buffer.BrokerPublisher;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.embedded.EmbeddedPostgresServer;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.reading.ReadingJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.TimeUtils;

/**
 * The historian's beans (docs/architecture.md, "Historian"): its PostgreSQL (the plant's, bridge.historian.jdbc-url,
 * or with bridge.embedded and no URL an embedded one), the rows of its two queues and their batches,
 * month partitions and retention of readings and of their per-minute roll-up, and the API's query.
 * The routes are camel/historian.camel.yaml; with bridge.historian.enabled=false they never start
 * and nothing here opens a connection.
 */
@Configuration
public class HistorianConfiguration implements CamelConfiguration, CamelContextAware {

    /** The endpoints that write one row alone, when a batch is written row by row. */
    static final String READING_ROW = "sql:classpath:historian/insert-readings.sql?dataSource=#historianDataSource";
    static final String OUTCOME_ROW = "sql:classpath:historian/insert-outcomes.sql?dataSource=#historianDataSource";
    /** The routes {@link HistorianDatabase} starts once the schema is in place. */
    static final List<String> ROUTES = List.of("historian-readings", "historian-outcomes", "historian-retention",
            "historian-planned-shifts", "historian-kpi-gauges");

    @PropertyInject("bridge.historian.enabled")
    private boolean enabled;

    @PropertyInject(value = "bridge.historian.jdbc-url", defaultValue = "")
    private String jdbcUrl;

    @PropertyInject(value = "bridge.historian.user", defaultValue = "")
    private String user;

    // from the environment (BRIDGE_HISTORIAN_PASSWORD), like every secret of the bridge
    @PropertyInject(value = "bridge.historian.password", defaultValue = "")
    private String password;

    @PropertyInject(value = "bridge.historian.schema", defaultValue = "historian")
    private String schema;

    @PropertyInject(value = "bridge.historian.pool-size", defaultValue = "4")
    private int poolSize;

    @PropertyInject(value = "bridge.historian.retention", defaultValue = "400d")
    private String retention;

    @PropertyInject(value = "bridge.historian.rollup-retention", defaultValue = "1827d")
    private String rollupRetention;

    @PropertyInject(value = "bridge.historian.retry-max-delay", defaultValue = "30000")
    private String retryMaxDelay;

    @PropertyInject(value = "bridge.historian.connection-timeout", defaultValue = "5000")
    private long connectionTimeout;

    @PropertyInject("bridge.embedded")
    private boolean embedded;

    @PropertyInject(value = "bridge.embedded.postgres.port", defaultValue = "5434")
    private int embeddedPort;

    @PropertyInject("bridge.embedded.data-dir")
    private String embeddedDataDir;

    private CamelContext camelContext;
    private HikariDataSource dataSource;
    private HistorianDatabase database;
    private KpiQueries kpiQueries;

    /**
     * The pool; it connects only when first used (by the historian's start, so never while it is off).
     * Batched inserts (document outcomes) are sent as multi-row INSERTs (reWriteBatchedInserts).
     */
    @BindToRegistry
    public synchronized HikariDataSource historianDataSource() {
        if (dataSource == null) {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("historian");
            pool.setJdbcUrl(url());
            if (!user.isBlank()) {
                pool.setUsername(user);
            } else if (usesEmbedded()) {
                pool.setUsername("postgres");
            }
            if (!password.isBlank()) {
                pool.setPassword(password);
            }
            pool.setSchema(schema);
            pool.setMaximumPoolSize(poolSize);
            pool.setMinimumIdle(1);
            // a database that is away fails a batch within seconds; the batch is then tried again
            pool.setConnectionTimeout(connectionTimeout);
            pool.setValidationTimeout(Math.min(2_000, connectionTimeout));
            pool.setInitializationFailTimeout(-1);
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
            pool.addDataSourceProperty("ApplicationName", "iot-erp-bridge historian");
            pool.addDataSourceProperty("connectTimeout", "5");
            pool.addDataSourceProperty("socketTimeout", "60");
            dataSource = pool;
        }
        return dataSource;
    }

    @BindToRegistry
    public synchronized HistorianDatabase historianDatabase() throws Exception {
        if (database == null) {
            EmbeddedPostgresServer server = usesEmbedded()
                    ? new EmbeddedPostgresServer(embeddedPort, Path.of(embeddedDataDir, "historian")) : null;
            database = new HistorianDatabase(camelContext, historianDataSource(), schema, server, ROUTES, duration(retryMaxDelay));
            if (enabled) {
                HistorianDatabase starting = database;
                camelContext.addStartupListener((context, alreadyStarted) -> starting.start());
                camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStopped(CamelContext context) {
                        try {
                            starting.close();
                        } catch (Exception e) {
                            org.slf4j.LoggerFactory.getLogger(HistorianConfiguration.class)
                                    .warn("stopping the historian's database failed: {}", e.getMessage());
                        }
                    }
                });
            }
        }
        return database;
    }

    @BindToRegistry
    public ReadingRows historianReadingRows() {
        // looked up when the first reading comes: the bridge's configuration binds them
        Map<String, Optional<DocumentEnricher>> enrichers = new ConcurrentHashMap<>();
        return new ReadingRows(() -> camelContext.getRegistry().lookupByNameAndType("readingJson", ReadingJson.class),
                () -> camelContext.getRegistry().lookupByNameAndType("shiftCalendar", ShiftCalendar.class),
                erp -> enrichers.computeIfAbsent(erp, e -> camelContext.getRegistry().findByType(DocumentEnricher.class)
                        .stream().filter(m -> m.erp().equals(e)).findFirst()));
    }

    @BindToRegistry
    public HistorianFailures historianFailures() {
        return new HistorianFailures();
    }

    @BindToRegistry
    public OutcomeRows historianOutcomeRows() {
        return new OutcomeRows();
    }

    @BindToRegistry
    public HistorianBatch historianReadingsBatch() {
        ReadingColumns columns = historianReadingColumns();
        return new HistorianBatch(RabbitTopology.HISTORIAN_READINGS, publisher(), READING_ROW, columns::columns);
    }

    @BindToRegistry
    public HistorianBatch historianOutcomesBatch() {
        return new HistorianBatch(RabbitTopology.HISTORIAN_OUTCOMES, publisher(), OUTCOME_ROW, exchange -> { });
    }

    @BindToRegistry
    public ReadingColumns historianReadingColumns() {
        return new ReadingColumns();
    }

    @BindToRegistry
    public ReadingPartitions readingPartitions() {
        return new ReadingPartitions(historianDataSource(), duration(retention), duration(rollupRetention));
    }

    @BindToRegistry
    public PlannedShifts plannedShifts() {
        return new PlannedShifts(historianDataSource(),
                () -> camelContext.getRegistry().lookupByNameAndType("shiftCalendar", ShiftCalendar.class), duration(retention));
    }

    @BindToRegistry
    public synchronized KpiQueries kpiQueries() throws Exception {
        if (kpiQueries == null) {
            kpiQueries = new KpiQueries(enabled, historianDatabase(), historianDataSource());
        }
        return kpiQueries;
    }

    @BindToRegistry
    public KpiGauges kpiGauges() throws Exception {
        return new KpiGauges(kpiQueries(), () -> camelContext.getRegistry().findSingleByType(
                io.micrometer.core.instrument.MeterRegistry.class), camelContext.getName());
    }

    @BindToRegistry
    public HistorianQueries historianQueries() throws Exception {
        return new HistorianQueries(enabled, historianDatabase());
    }

    /** No URL: the embedded PostgreSQL, which only the embedded default has. */
    private boolean usesEmbedded() {
        return jdbcUrl.isBlank();
    }

    private String url() {
        if (!jdbcUrl.isBlank()) {
            return jdbcUrl.strip();
        }
        if (enabled && !embedded) {
            throw new IllegalArgumentException("bridge.historian.enabled is true but bridge.historian.jdbc-url is empty: "
                    + "set it to the plant's PostgreSQL (jdbc:postgresql://host:5432/database), or turn the historian off");
        }
        return EmbeddedPostgresServer.jdbcUrl(embeddedPort);
    }

    private java.util.function.Supplier<BrokerPublisher> publisher() {
        return () -> camelContext.getRegistry().lookupByNameAndType("brokerPublisher", BrokerPublisher.class);
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
    }

    @Override
    public void configure(CamelContext camelContext) {
        // beans are bound by the annotated methods above
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
