package io.iotbridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.iotbridge.historian.ReadingColumns;
import io.iotbridge.historian.ReadingPartitions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;

/**
 * Issue 18's historian scale run (bench/historian/README.md), two steps of it:
 * <ul>
 * <li>{@code migrate <jdbc-url>}: the schema by the historian's own Flyway migrations (classpath db/historian);</li>
 * <li>{@code ingest <jdbc-url> <from> <seconds> <rows/s>}: readings of the generator's 1,000 sensors
 * from {@code from} on, written as the historian's route writes them (its partition check, then
 * the batch's columns ({@link ReadingColumns}) and camel-sql with historian/insert-readings.sql, one
 * statement that inserts them and rolls them up per minute, 500 rows per batch as
 * bridge.historian.batch-size), paced at rows/s
 * (0: as fast as it goes). Prints rows/s and batch times.</li>
 * </ul>
 * Not a test: the figures are reported, never asserted. Run by bench/historian/run.sh.
 */
final class HistorianScale {

    /** bridge.historian.batch-size's default. */
    static final int BATCH = 500;
    static final int SENSORS = 1000;
    private static final long DAY0 = 1764547200L; // 2025-12-01T00:00:00Z, the counters' zero

    private static final String[] TYPES = {"PRESS", "CNC", "MOLD", "WELD"};
    private static final String[] MEASURES = {"temp", "vib", "pressure", "current", "energy", "speed", "torque", "flow", "count", "state"};
    private static final String[] FIELDS = {"oil-temperature", "vibration-velocity", "hydraulic-pressure", "motor-current", "energy",
            "spindle-speed", "torque", "coolant-flow", "good-parts", "run-state"};
    private static final String[] UNITS = {"Cel", "mm/s", "bar", "A", "kW.h", "/min", "N.m", "L/min", "{parts}", "1"};
    private static final String[] ERPS = {"sap-b1", "dynamics365", "infor"};

    private HistorianScale() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: migrate <jdbc-url> | ingest <jdbc-url> <from> <seconds> <rows/s>");
        }
        switch (args[0]) {
            case "migrate" -> migrate(args[1]);
            case "ingest" -> ingest(args[1], Instant.parse(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown step '" + args[0] + "': migrate or ingest");
        }
    }

    static void migrate(String url) {
        var result = Flyway.configure().dataSource(url, "postgres", "").schemas("historian")
                .locations("classpath:db/historian").load().migrate();
        System.out.printf("migrated %s to version %s (%d migrations applied)%n", url, result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    static void ingest(String url, Instant from, int seconds, int rate) throws Exception {
        try (HikariDataSource pool = pool(url); CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("historianDataSource", pool);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            ReadingPartitions partitions = new ReadingPartitions(pool, Duration.ofDays(400), Duration.ofDays(1827));
            String insert = "sql:classpath:historian/insert-readings.sql?dataSource=#historianDataSource";
            ReadingColumns columns = new ReadingColumns();
            int batches = seconds * SENSORS / BATCH;
            long[] micros = new long[batches];
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                if (rate > 0) { // pacing the load, as readings arrive: batch b is due at b × BATCH / rate
                    long due = start + (long) (b * (double) BATCH / rate * 1e9);
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                List<Map<String, Object>> rows = batch(from, b);
                long t0 = System.nanoTime();
                partitions.ensure(rows);
                Exchange done = template.send(insert, e -> {
                    e.getMessage().setBody(rows);
                    columns.columns(e);
                });
                if (done.getException() != null) {
                    throw done.getException();
                }
                micros[b] = (System.nanoTime() - t0) / 1000;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Arrays.sort(micros);
            System.out.printf("ingest: %d rows in %.1f s = %.0f rows/s (offered %s); batch of %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    (long) batches * BATCH, elapsed, batches * BATCH / elapsed, rate > 0 ? rate + " rows/s" : "unpaced", BATCH,
                    micros[batches / 2] / 1e3, micros[batches * 95 / 100] / 1e3, micros[batches * 99 / 100] / 1e3,
                    micros[batches - 1] / 1e3);
        }
    }

    /** The pool as HistorianConfiguration makes it. */
    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setSchema("historian");
        pool.setMaximumPoolSize(4);
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        pool.addDataSourceProperty("ApplicationName", "iot-erp-bridge historian scale bench");
        return pool;
    }

    /** Batch b: rows b × BATCH onward, second by second, sensor by sensor (the values of insert-readings.sql). */
    static List<Map<String, Object>> batch(Instant from, int b) {
        List<Map<String, Object>> rows = new ArrayList<>(BATCH);
        for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
            long epoch = from.getEpochSecond() + i / SENSORS;
            rows.add(row(epoch, i % SENSORS));
        }
        return rows;
    }

    static Map<String, Object> row(long epoch, int s) {
        int m = s / 10;
        int k = s % 10;
        String type = TYPES[m % 4];
        String number = String.format("%03d", m + 1);
        String sensor = type.toLowerCase() + number + "-" + MEASURES[k];
        boolean mqtt = m % 5 == 4;
        long seq = mqtt ? epoch - DAY0 : 0;
        OffsetDateTime ts = Instant.ofEpochSecond(epoch).plusMillis(s).atOffset(ZoneOffset.UTC);
        int hour = ts.getHour();
        Map<String, Object> row = new HashMap<>();
        row.put("reading_id", sensor + ":" + ts.toInstant().toEpochMilli() + ":" + seq);
        row.put("sensor_id", sensor);
        row.put("machine_id", type + "-" + number);
        row.put("shift", hour >= 6 && hour < 14 ? "early" : hour >= 14 && hour < 22 ? "late" : "night");
        row.put("work_order", new String[] {String.valueOf(4700 + m), "P000" + (100 + m), String.format("MO-2026-%05d", m)}[m % 3]);
        row.put("erp", ERPS[m % 3]);
        row.put("kind", k == 8 ? "counter" : "meter");
        row.put("field", FIELDS[k]);
        row.put("value", switch (k) {
            case 8 -> (double) ((epoch - DAY0) / 30);
            case 9 -> (epoch / 60 + m) % 97 < 5 ? 0.0 : 1.0;
            default -> Math.round((50 + 10 * Math.sin(epoch / 600.0 + s) + (s % 7) * 0.01) * 1000) / 1000.0;
        });
        row.put("unit", UNITS[k]);
        row.put("quality", (epoch + s) % 1000 == 0 ? "UNCERTAIN" : "GOOD");
        row.put("source", mqtt ? "mqtt" : "opcua");
        row.put("seq", seq);
        row.put("source_time", ts);
        row.put("arrival_time", ts.plusNanos((120 + s % 50) * 1_000_000L));
        row.put("scrap", false);
        row.put("run_state", k == 9);
        row.put("ideal_cycle_seconds", k == 8 ? 30.0 : null);
        return row;
    }
}
