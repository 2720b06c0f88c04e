package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema's month partitions on the machine's PostgreSQL, of readings and of their per-minute
 * roll-up: made for the months a batch covers, and dropped whole once older than their level's
 * retention, the recent ones and their rows kept.
 */
class ReadingPartitionsTest {

    private static String url;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() throws Exception {
        url = HistorianDatabases.create();
        dataSource = HistorianDatabases.pool(url);
        HistorianDatabases.migrate(dataSource, null);
    }

    @AfterAll
    static void drop() throws Exception {
        if (dataSource != null) {
            dataSource.close();
        }
        if (url != null) {
            HistorianDatabases.drop(url);
        }
    }

    @Test
    void monthsOlderThanEachLevelsRetentionAreDroppedWholeAndTheRecentKept() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime ancient = now.minusDays(300);
        OffsetDateTime old = now.minusDays(100);
        OffsetDateTime recent = now.minusDays(1);
        ReadingPartitions partitions = new ReadingPartitions(dataSource, Duration.ofDays(60), Duration.ofDays(200));
        partitions.ensure(List.of(Map.of("source_time", ancient), Map.of("source_time", old), Map.of("source_time", recent)));
        insert("ancient:1:0", ancient);
        insert("old:1:0", old);
        insert("recent:1:0", recent);

        List<String> dropped = partitions.applyRetention();

        // readings: older than 60 days; their roll-up: older than 200 days
        assertThat(dropped).containsExactlyInAnyOrder(partition("readings", ancient), partition("readings", old),
                partition("readings_minute", ancient));
        assertThat(HistorianDatabases.column(url, "SELECT reading_id FROM historian.readings")).containsExactly("recent:1:0");
        assertThat(HistorianDatabases.column(url, "SELECT sensor_id || ' ' || to_char(minute AT TIME ZONE 'UTC', 'YYYYMM')"
                + " FROM historian.readings_minute ORDER BY minute"))
                .containsExactly("s " + month(old), "s " + month(recent));
        assertThat(HistorianDatabases.column(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'historian'"
                + " AND tablename ~ '^readings_(minute_)?p' ORDER BY tablename"))
                .containsExactly(partition("readings_minute", old), partition("readings_minute", recent), partition("readings", recent));
    }

    @Test
    void aRollUpKeptShorterThanTheReadingsItSumsIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> new ReadingPartitions(dataSource, Duration.ofDays(400), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bridge.historian.rollup-retention (30 days)")
                .hasMessageContaining("bridge.historian.retention (400 days)");
    }

    private static String partition(String parent, OffsetDateTime t) {
        return parent + "_p" + month(t);
    }

    private static String month(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    /** One reading, and its minute as the historian's write path rolls it up. */
    private static void insert(String id, OffsetDateTime t) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO readings (reading_id, sensor_id, machine_id, unit,"
                     + " quality, seq, source_time, arrival_time) VALUES (?, 's', 'm', '1', 'GOOD', 0, ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, t);
            insert.setObject(3, t);
            insert.executeUpdate();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement rollUp = c.prepareStatement("INSERT INTO readings_minute (sensor_id, minute, machine_id, unit,"
                     + " readings, good_readings, value_count, latest_time) VALUES ('s', date_trunc('minute', ?), 'm', '1', 1, 1, 0, ?)")) {
            rollUp.setObject(1, t);
            rollUp.setObject(2, t);
            rollUp.executeUpdate();
        }
    }
}
