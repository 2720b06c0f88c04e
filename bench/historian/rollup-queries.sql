-- The month of roll-up rollup-bulk.sh loaded (November 2026, 1,000 sensors, 43.2 M rows): its size,
-- then the queries docs/bi.md sends to the roll-up, each under EXPLAIN (ANALYZE, BUFFERS) and then
-- as itself with its rows sent to psql (discarded), which the BI tool waits for too.
-- psql -v sensor=press001-temp -v machine=PRESS-001 -f rollup-queries.sql; run it twice (cold-ish, warm).
SET search_path = historian;
SET jit = off; -- as the BI role (docker/postgres) has it
\echo '== size of readings_minute_p202611: rows, heap, each index, bytes per row'
SELECT c.reltuples::bigint AS rows,
       pg_size_pretty(pg_relation_size(c.oid)) AS heap,
       pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
       round(pg_relation_size(c.oid)::numeric / c.reltuples) AS heap_b_per_row,
       round(pg_total_relation_size(c.oid)::numeric / c.reltuples) AS total_b_per_row
FROM pg_class c WHERE c.relname = 'readings_minute_p202611';
SELECT i.indexrelid::regclass AS index, pg_size_pretty(pg_relation_size(i.indexrelid)) AS size,
       round((pg_relation_size(i.indexrelid) / c.reltuples)::numeric, 1) AS b_per_row
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'readings_minute_p202611';
\timing on
\echo '== R1 one sensor, the month per minute (43,200 rows)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT minute, avg_value, min_value, max_value, unit
FROM readings_per_minute WHERE sensor_id = :'sensor' AND minute >= '2026-11-01 00:00+00' AND minute < '2026-12-01 00:00+00'
ORDER BY minute;
\o /dev/null
SELECT minute, avg_value, min_value, max_value, unit
FROM readings_per_minute WHERE sensor_id = :'sensor' AND minute >= '2026-11-01 00:00+00' AND minute < '2026-12-01 00:00+00'
ORDER BY minute;
\o
\echo '== R2 one machine, the month per hour, each sensor (432,000 minutes into 7,200 rows)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT sensor_id, date_trunc('hour', minute) AS hour, sum(sum_value) / nullif(sum(value_count), 0) AS avg_value,
       min(min_value) AS min_value, max(max_value) AS max_value, sum(readings) AS readings
FROM readings_minute WHERE machine_id = :'machine' AND minute >= '2026-11-01 00:00+00' AND minute < '2026-12-01 00:00+00'
GROUP BY 1, 2 ORDER BY 1, 2;
\o /dev/null
SELECT sensor_id, date_trunc('hour', minute) AS hour, sum(sum_value) / nullif(sum(value_count), 0) AS avg_value,
       min(min_value) AS min_value, max(max_value) AS max_value, sum(readings) AS readings
FROM readings_minute WHERE machine_id = :'machine' AND minute >= '2026-11-01 00:00+00' AND minute < '2026-12-01 00:00+00'
GROUP BY 1, 2 ORDER BY 1, 2;
\o
\echo '== R3 every sensor, one day per minute (1.44 M rows)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT sensor_id, minute, avg_value
FROM readings_per_minute WHERE minute >= '2026-11-15 00:00+00' AND minute < '2026-11-16 00:00+00';
\o /dev/null
SELECT sensor_id, minute, avg_value
FROM readings_per_minute WHERE minute >= '2026-11-15 00:00+00' AND minute < '2026-11-16 00:00+00';
\o
