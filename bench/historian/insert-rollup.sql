-- One chunk of synthetic roll-up rows: each of the 1,000 sensors' minutes for :minutes minutes from
-- :'from' (psql -v target=readings_minute -v from='2026-11-01 00:00:00+00' -v minutes=1440 -f insert-rollup.sql),
-- minute by minute as the historian's write path makes them: 60 readings a minute, the figures of the
-- readings insert-readings.sql makes for that minute (its first and last second's values, the
-- minimum and maximum of the two, one reading in 17 minutes not GOOD).
SET search_path = historian;
SET jit = off;
\ir sensors.sql
INSERT INTO :target (sensor_id, minute, machine_id, shift, unit, readings, good_readings, value_count,
                     min_value, max_value, sum_value, first_value, first_time, last_value, last_time, latest_time)
SELECT e.sensor_id, t.minute, e.machine_id,
       CASE WHEN t.hour >= 6 AND t.hour < 14 THEN 'early' WHEN t.hour >= 14 AND t.hour < 22 THEN 'late' ELSE 'night' END,
       e.unit, 60, CASE WHEN (t.epoch / 60 + e.s) % 17 = 0 THEN 59 ELSE 60 END, 60,
       least(v.first, v.last), greatest(v.first, v.last), (v.first + v.last) * 30,
       v.first, t.minute + e.s * interval '1 ms', v.last, t.minute + interval '59 s' + e.s * interval '1 ms',
       t.minute + interval '59 s' + e.s * interval '1 ms'
FROM (SELECT m AS minute, extract(epoch FROM m)::bigint AS epoch, extract(hour FROM m AT TIME ZONE 'UTC')::int AS hour
      FROM generate_series(:'from'::timestamptz, :'from'::timestamptz + make_interval(mins => :minutes - 1), interval '1 minute') AS m) t
-- LATERAL: time the outer loop, so rows come minute by minute, without a sort
CROSS JOIN LATERAL (SELECT * FROM sensors WHERE t.epoch IS NOT NULL) e
CROSS JOIN LATERAL (
    SELECT CASE e.k WHEN 8 THEN floor((t.epoch - 1764547200) / 30)
                    WHEN 9 THEN CASE WHEN (t.epoch / 60 + e.m) % 97 < 5 THEN 0 ELSE 1 END
                    ELSE round((50 + 10 * sin(t.epoch / 600.0 + e.s) + (e.s % 7) * 0.01)::numeric, 3)::double precision END AS first,
           CASE e.k WHEN 8 THEN floor((t.epoch + 59 - 1764547200) / 30)
                    WHEN 9 THEN CASE WHEN (t.epoch / 60 + e.m) % 97 < 5 THEN 0 ELSE 1 END
                    ELSE round((50 + 10 * sin((t.epoch + 59) / 600.0 + e.s) + (e.s % 7) * 0.01)::numeric, 3)::double precision END AS last
) v;
