package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-minute roll-up on the machine's PostgreSQL, written as the historian's write route writes
 * a batch (its partitions, its columns, historian/insert-readings.sql): a redelivered reading is
 * rolled up once, a minute's figures are those worked out by hand across batches, and the readings
 * stored before the roll-up existed are rolled up by its migration.
 */
class MinuteRollupTest {

    private static final OffsetDateTime MINUTE = OffsetDateTime.of(2026, 11, 30, 23, 59, 0, 0, ZoneOffset.UTC);
    private static final String INSERT = "sql:classpath:historian/insert-readings.sql?dataSource=#historianDataSource";

    private static String url;
    private static HikariDataSource dataSource;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void migrate() throws Exception {
        url = HistorianDatabases.create();
        dataSource = HistorianDatabases.pool(url);
        HistorianDatabases.migrate(dataSource, null);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("historianDataSource", dataSource);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void drop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (url != null) {
            HistorianDatabases.drop(url);
        }
    }

    @Test
    void aRedeliveredReadingIsRolledUpOnce() throws Exception {
        write(List.of(row("redelivered", 0, 1.0, "GOOD"), row("redelivered", 1, 2.0, "GOOD")));
        // the second reading again (a redelivery), and a third that comes twice in one batch
        write(List.of(row("redelivered", 1, 2.0, "GOOD"), row("redelivered", 2, 4.0, "GOOD"), row("redelivered", 2, 4.0, "GOOD")));

        assertThat(minute("redelivered", "readings || ' ' || sum_value || ' ' || value_count")).isEqualTo("3 7 3");
        assertThat(HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings WHERE sensor_id = 'redelivered'"))
                .containsExactly("3");
    }

    @Test
    void aMinutesFiguresAreThoseWorkedOutByHandAcrossBatches() throws Exception {
        write(List.of(row("press", 20, 30.0, "GOOD"), row("press", 40, 20.0, "UNCERTAIN"), row("press", 50, 99.0, "BAD")));
        // a later batch with the minute's earliest reading and the next minute's first
        write(List.of(row("press", 5, 10.0, "GOOD"), row("press", 70, 7.0, "GOOD")));

        // BAD counts as a reading but not toward the value figures: avg (10 + 30 + 20) / 3
        assertThat(minute("press", "readings || ' ' || good_readings || ' ' || value_count || ' ' || min_value || ' '"
                + " || max_value || ' ' || sum_value")).isEqualTo("4 2 3 10 30 60");
        assertThat(minute("press", "first_value || ' @' || extract(second FROM first_time) || ' ' || last_value"
                + " || ' @' || extract(second FROM last_time)")).isEqualTo("10 @5.000000 20 @40.000000");
        assertThat(HistorianDatabases.column(url, "SELECT minute AT TIME ZONE 'UTC' || ' ' || readings || ' '"
                + " || avg_value || ' ' || not_good_readings || ' ' || machine_id || ' ' || shift"
                + " FROM historian.readings_per_minute WHERE sensor_id = 'press' ORDER BY minute"))
                .containsExactly("2026-11-30 23:59:00 4 20 2 PRESS-001 night", "2026-12-01 00:00:00 1 7 0 PRESS-001 night");
    }

    @Test
    void readingsStoredBeforeTheRollUpAreRolledUpByItsMigration() throws Exception {
        String before = HistorianDatabases.create();
        try (HikariDataSource older = HistorianDatabases.pool(before)) {
            HistorianDatabases.migrate(older, "3");
            try (Connection c = older.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT ensure_reading_partition('2026-11-30 23:59+00')");
                s.execute("INSERT INTO readings (reading_id, sensor_id, machine_id, unit, quality, value, seq, source_time, arrival_time)"
                        + " VALUES ('a', 'kept', 'PRESS-001', 'Cel', 'GOOD', 3, 0, '2026-11-30 23:59:10+00', now()),"
                        + " ('b', 'kept', 'PRESS-001', 'Cel', 'GOOD', 5, 0, '2026-11-30 23:59:30+00', now())");
            }
            HistorianDatabases.migrate(older, null);
        }
        try {
            assertThat(HistorianDatabases.column(before, "SELECT readings || ' ' || min_value || ' ' || max_value || ' '"
                    + " || first_value || ' ' || last_value FROM historian.readings_minute WHERE sensor_id = 'kept'"))
                    .containsExactly("2 3 5 3 5");
        } finally {
            HistorianDatabases.drop(before);
        }
    }

    /** One batch as the route writes it: its month partitions, then its columns in one statement. */
    private static void write(List<Map<String, Object>> rows) throws Exception {
        new ReadingPartitions(dataSource, Duration.ofDays(400), Duration.ofDays(400)).ensure(rows);
        Exchange done = template.send(INSERT, e -> {
            e.getMessage().setBody(rows);
            new ReadingColumns().columns(e);
        });
        if (done.getException() != null) {
            throw done.getException();
        }
    }

    private static String minute(String sensor, String figures) throws Exception {
        List<String> values = HistorianDatabases.column(url, "SELECT " + figures + " FROM historian.readings_minute"
                + " WHERE sensor_id = '" + sensor + "' AND minute = '" + MINUTE + "'");
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** A reading of sensor {@code seconds} after the minute's start, as {@link ReadingRows} makes it. */
    private static Map<String, Object> row(String sensor, int seconds, Double value, String quality) {
        OffsetDateTime t = MINUTE.plusSeconds(seconds);
        Map<String, Object> row = new HashMap<>();
        row.put("reading_id", sensor + ":" + t.toInstant().toEpochMilli() + ":0");
        row.put("sensor_id", sensor);
        row.put("machine_id", "PRESS-001");
        row.put("shift", "night");
        row.put("kind", "meter");
        row.put("value", value);
        row.put("unit", "Cel");
        row.put("quality", quality);
        row.put("source", "opcua");
        row.put("seq", 0L);
        row.put("source_time", t);
        row.put("arrival_time", t.plusNanos(150_000_000));
        row.put("scrap", false);
        row.put("run_state", false);
        return row;
    }
}
