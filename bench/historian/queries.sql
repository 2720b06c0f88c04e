-- BI-typical queries on the loaded readings (bench/historian/README.md), each under
-- EXPLAIN (ANALYZE, BUFFERS). psql -v sensor=press001-temp -v machine=PRESS-001 -f queries.sql.
-- Windows (UTC): the day loaded is 2026-11-30 12:00 to 2026-12-01 12:00; the one-hour database holds
-- 2026-11-30 23:30 to 2026-12-01 00:30 of it. The shift is the night shift 2026-11-30 22:00-06:00.
SET search_path = historian;
SET jit = off; -- as the API's KPI query and the BI role (docker/postgres) have it: the views' estimates would compile for seconds
\timing on
\echo '== Q1 one sensor, 30 min (the API''s statement)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq, source_time, arrival_time
FROM readings WHERE sensor_id = :'sensor' AND source_time >= '2026-12-01 00:00+00' AND source_time < '2026-12-01 00:30+00'
ORDER BY source_time, seq LIMIT 10000;
\echo '== Q2 one sensor, 1 h across the month boundary (the API''s statement)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq, source_time, arrival_time
FROM readings WHERE sensor_id = :'sensor' AND source_time >= '2026-11-30 23:30+00' AND source_time < '2026-12-01 00:30+00'
ORDER BY source_time, seq LIMIT 10000;
\echo '== Q3 one sensor, 1 day, averaged per minute (a Grafana panel)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT date_trunc('minute', source_time) AS minute, avg(value)
FROM readings WHERE sensor_id = :'sensor' AND source_time >= '2026-11-30 12:00+00' AND source_time < '2026-12-01 12:00+00'
GROUP BY 1 ORDER BY 1;
\echo '== Q4 one machine, average of each sensor per shift over the day'
EXPLAIN (ANALYZE, BUFFERS)
SELECT shift, sensor_id, avg(value), count(*)
FROM readings WHERE machine_id = :'machine' AND source_time >= '2026-11-30 12:00+00' AND source_time < '2026-12-01 12:00+00'
GROUP BY 1, 2 ORDER BY 1, 2;
\echo '== Q5 oee_by_shift, every machine, one shift'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM oee_by_shift WHERE shift_start = '2026-11-30 22:00+00';
\echo '== Q6 oee_by_shift, one machine, one shift (the API with machineId)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM oee_by_shift WHERE machine_id = :'machine' AND shift_start = '2026-11-30 22:00+00';
\echo '== Q7 readings_by_machine_shift, one machine, one shift'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM readings_by_machine_shift WHERE machine_id = :'machine' AND shift_start = '2026-11-30 22:00+00';
\echo '== Q8 alerts_with_documents, one shift'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM alerts_with_documents WHERE shift = 'night' AND alert_time >= '2026-11-30 22:00+00' AND alert_time < '2026-12-01 06:00+00';
\echo '== Q9 readings per machine and shift, the whole day (every row of the day)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT machine_id, shift, count(*)
FROM readings WHERE source_time >= '2026-11-30 12:00+00' AND source_time < '2026-12-01 12:00+00'
GROUP BY 1, 2 ORDER BY 1, 2;
