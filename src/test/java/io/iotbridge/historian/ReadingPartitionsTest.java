package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema's month partitions on the machine's PostgreSQL: made for the months a batch covers,
 * and dropped whole once older than the retention, the recent ones and their rows kept.
 */
class ReadingPartitionsTest {

    private static String url;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() throws Exception {
        url = HistorianDatabases.create();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setSchema("historian");
        Flyway.configure().dataSource(dataSource).schemas("historian").locations("classpath:db/historian").load().migrate();
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
    void monthsOlderThanTheRetentionAreDroppedWholeAndTheRecentKept() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime old = now.minusDays(100);
        OffsetDateTime recent = now.minusDays(1);
        ReadingPartitions partitions = new ReadingPartitions(dataSource, Duration.ofDays(60));
        partitions.ensure(List.of(Map.of("source_time", old), Map.of("source_time", recent)));
        insert("old:1:0", old);
        insert("recent:1:0", recent);

        List<String> dropped = partitions.applyRetention();

        assertThat(dropped).containsExactly(partition(old));
        assertThat(HistorianDatabases.column(url, "SELECT reading_id FROM historian.readings")).containsExactly("recent:1:0");
        assertThat(HistorianDatabases.column(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'historian'"
                + " AND tablename LIKE 'readings_p%'")).containsExactly(partition(recent));
    }

    private static String partition(OffsetDateTime t) {
        return "readings_p" + t.format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    private static void insert(String id, OffsetDateTime t) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO readings (reading_id, sensor_id, machine_id, unit,"
                     + " quality, seq, source_time, arrival_time) VALUES (?, 's', 'm', '1', 'GOOD', 0, ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, t);
            insert.setObject(3, t);
            insert.executeUpdate();
        }
    }
}
