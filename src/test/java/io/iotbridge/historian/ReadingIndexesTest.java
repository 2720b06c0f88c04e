package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What keeps a month of readings as fast to query as an hour (migration V3, README "Historian"), on
 * the machine's PostgreSQL: a time range alone reads its blocks by the BRIN index, the KPI views read
 * run-state and counter readings from their indexes alone, and the KPI machines and counters are
 * found by index lookups, also across a month boundary. 200,000 readings of five sensors, one a
 * second, from 2026-01-31 12:00 UTC on (into February).
 */
class ReadingIndexesTest {

    private static String url;

    @BeforeAll
    static void load() throws Exception {
        url = HistorianDatabases.create();
        Flyway.configure().dataSource(url, "postgres", "").schemas("historian").locations("classpath:db/historian").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("SET search_path = historian");
            s.execute("SELECT ensure_reading_partition('2026-01-31 12:00+00'), ensure_reading_partition('2026-02-01 00:00+00')");
            s.execute("""
                    INSERT INTO readings (reading_id, sensor_id, machine_id, kind, value, unit, quality, seq, source_time,
                                          arrival_time, run_state, ideal_cycle_seconds)
                    SELECT x.sensor || ':' || extract(epoch FROM t)::bigint * 1000 || ':0', x.sensor, x.machine, x.kind,
                           extract(epoch FROM t)::bigint % 7, '1', 'GOOD', 0, t, t, x.run_state, x.ideal
                    FROM generate_series(timestamptz '2026-01-31 12:00+00', timestamptz '2026-01-31 12:00+00' + interval '39999 s',
                                         interval '1 s') AS t
                    CROSS JOIN (VALUES ('m1-state', 'M1', 'meter', true, NULL::double precision),
                                       ('m2-state', 'M2', 'meter', true, NULL),
                                       ('m1-count', 'M1', 'counter', false, 30.0),
                                       ('m3-count', 'M3', 'counter', false, 30.0),
                                       ('m4-temp', 'M4', 'meter', false, NULL)) AS x(sensor, machine, kind, run_state, ideal)
                    ORDER BY t""");
            s.execute("VACUUM ANALYZE readings_p202601");
            s.execute("VACUUM ANALYZE readings_p202602");
            s.execute("ANALYZE readings");
        }
    }

    @AfterAll
    static void drop() throws Exception {
        if (url != null) {
            HistorianDatabases.drop(url);
        }
    }

    @Test
    void aTimeRangeAloneReadsItsBlocksByTheBrinIndexNotTheWholePartition() throws Exception {
        String plan = explain("SELECT machine_id, count(*) FROM readings"
                + " WHERE source_time >= '2026-01-31 14:00+00' AND source_time < '2026-01-31 14:10+00' GROUP BY 1");

        assertThat(plan).contains("Bitmap Index Scan on readings_p202601_source_time_idx").doesNotContain("readings_p202602");
        assertThat(HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings"
                + " WHERE source_time >= '2026-01-31 14:00+00' AND source_time < '2026-01-31 14:10+00'")).containsExactly("3000");
    }

    @Test
    void theKpiViewsReadAShiftsRunStateAndCounterReadingsFromTheirIndexesAlone() throws Exception {
        String runState = explain("SELECT value > 0, source_time FROM readings WHERE machine_id = 'M1' AND run_state"
                + " AND quality <> 'BAD' AND source_time >= '2026-01-31 22:00+00' AND source_time < '2026-02-01 06:00+00'");
        String counter = explain("SELECT value, scrap, ideal_cycle_seconds, source_time FROM readings WHERE machine_id = 'M3'"
                + " AND sensor_id = 'm3-count' AND kind = 'counter' AND ideal_cycle_seconds IS NOT NULL AND quality <> 'BAD'"
                + " AND value IS NOT NULL AND source_time >= '2026-01-31 22:00+00' AND source_time < '2026-02-01 06:00+00'");

        assertThat(runState).contains("Index Only Scan").doesNotContainPattern("Heap Fetches: [1-9]");
        assertThat(counter).contains("Index Only Scan").doesNotContainPattern("Heap Fetches: [1-9]");
    }

    @Test
    void theKpiMachinesAndCountersAreFoundByIndexLookupsAcrossTheMonths() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT machine_id FROM historian.kpi_machines ORDER BY 1"))
                .containsExactly("M1", "M2", "M3");
        assertThat(HistorianDatabases.column(url,
                "SELECT machine_id || '/' || sensor_id FROM historian.kpi_counters ORDER BY 1"))
                .containsExactly("M1/m1-count", "M3/m3-count");
        // one index lookup per machine and partition, not every run-state reading
        assertThat(explain("SELECT * FROM kpi_machines")).contains("Recursive Union");
        assertThat(explain("SELECT * FROM kpi_counters")).contains("Recursive Union");
    }

    /** The plan PostgreSQL runs (EXPLAIN ANALYZE), with sequential scans made a last resort. */
    private static String explain(String query) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("SET search_path = historian");
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + query)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }
}
