-- One chunk of synthetic readings: 1,000 sensors at 1 Hz for :seconds seconds from :'from'
-- (psql -v from='2026-11-30 12:00:00+00' -v seconds=5000 -f insert-readings.sql), second by second
-- as the bridge writes them. 100 machines of 10 sensors each (sensor 8 a counted counter, sensor 9
-- the run state), values shaped as the bridge makes them: reading id <sensorId>:<epoch ms>:<seq>,
-- the shift calendar's names (UTC here), each ERP's own work-order form, converted units.
SET search_path = historian;
SET jit = off; -- compiling the expression costs more than it saves on 5 M rows
\ir sensors.sql
INSERT INTO :target (reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit,
                      quality, source, seq, source_time, arrival_time, scrap, run_state, ideal_cycle_seconds)
SELECT x.sensor_id || ':' || (x.epoch * 1000 + x.s) || ':' || x.seq,
       x.sensor_id, x.machine_id,
       CASE WHEN x.hour >= 6 AND x.hour < 14 THEN 'early' WHEN x.hour >= 14 AND x.hour < 22 THEN 'late' ELSE 'night' END,
       x.work_order, x.erp, x.kind, x.field,
       CASE x.k
           WHEN 8 THEN floor((x.epoch - 1764547200) / 30)            -- a part every 30 s
           WHEN 9 THEN CASE WHEN (x.epoch / 60 + x.m) % 97 < 5 THEN 0 ELSE 1 END
           ELSE round((50 + 10 * sin(x.epoch / 600.0 + x.s) + (x.s % 7) * 0.01)::numeric, 3)::double precision END,
       x.unit,
       CASE WHEN (x.epoch + x.s) % 1000 = 0 THEN 'UNCERTAIN' ELSE 'GOOD' END,
       x.source, x.seq, x.ts, x.ts + make_interval(secs => 0.12 + (x.s % 50) / 1000.0),
       false, x.k = 9, CASE WHEN x.k = 8 THEN 30.0 END
FROM (
    SELECT e.*, t.epoch, t.hour, to_timestamp(t.epoch + e.s / 1000.0) AS ts,
           CASE WHEN e.source = 'mqtt' THEN t.epoch - 1764547200 ELSE 0 END AS seq
    FROM (SELECT extract(epoch FROM t)::bigint AS epoch, extract(hour FROM t AT TIME ZONE 'UTC')::int AS hour
          FROM generate_series(:'from'::timestamptz, :'from'::timestamptz + make_interval(secs => :seconds - 1), interval '1 second') AS t) t
    -- LATERAL: time the outer loop, so rows come second by second, as the bridge writes them, without a sort
    CROSS JOIN LATERAL (SELECT * FROM sensors WHERE t.epoch IS NOT NULL) e
) x;
