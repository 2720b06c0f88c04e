WITH batch AS (
    SELECT * FROM unnest(:#reading_id::text[], :#sensor_id::text[], :#machine_id::text[], :#shift::text[], :#work_order::text[],
                         :#erp::text[], :#kind::text[], :#field::text[], :#value::float8[], :#unit::text[], :#quality::text[],
                         :#source::text[], :#seq::int8[], :#source_time::timestamptz[], :#arrival_time::timestamptz[],
                         :#scrap::bool[], :#run_state::bool[], :#ideal_cycle_seconds::float8[])
        AS b (reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq,
              source_time, arrival_time, scrap, run_state, ideal_cycle_seconds)
), inserted AS (
    INSERT INTO readings (reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq, source_time, arrival_time, scrap, run_state, ideal_cycle_seconds)
    SELECT * FROM batch
    ON CONFLICT (reading_id, source_time) DO NOTHING
    RETURNING sensor_id, machine_id, shift, unit, value, quality, seq, source_time
)
INSERT INTO readings_minute AS m (sensor_id, minute, machine_id, shift, unit, readings, good_readings, value_count,
                                  min_value, max_value, sum_value, first_value, first_time, last_value, last_time, latest_time)
SELECT sensor_id, date_trunc('minute', source_time),
       (array_agg(machine_id ORDER BY source_time DESC, seq DESC))[1],
       (array_agg(shift ORDER BY source_time DESC, seq DESC))[1],
       (array_agg(unit ORDER BY source_time DESC, seq DESC))[1],
       count(*), count(*) FILTER (WHERE quality = 'GOOD'), count(value) FILTER (WHERE quality <> 'BAD'),
       min(value) FILTER (WHERE quality <> 'BAD'), max(value) FILTER (WHERE quality <> 'BAD'),
       sum(value) FILTER (WHERE quality <> 'BAD'),
       (array_agg(value ORDER BY source_time, seq) FILTER (WHERE value IS NOT NULL AND quality <> 'BAD'))[1],
       min(source_time) FILTER (WHERE value IS NOT NULL AND quality <> 'BAD'),
       (array_agg(value ORDER BY source_time DESC, seq DESC) FILTER (WHERE value IS NOT NULL AND quality <> 'BAD'))[1],
       max(source_time) FILTER (WHERE value IS NOT NULL AND quality <> 'BAD'),
       max(source_time)
FROM inserted
GROUP BY sensor_id, date_trunc('minute', source_time)
ORDER BY 1, 2
ON CONFLICT (sensor_id, minute) DO UPDATE SET
    readings = m.readings + EXCLUDED.readings,
    good_readings = m.good_readings + EXCLUDED.good_readings,
    value_count = m.value_count + EXCLUDED.value_count,
    min_value = least(m.min_value, EXCLUDED.min_value),
    max_value = greatest(m.max_value, EXCLUDED.max_value),
    sum_value = CASE WHEN m.sum_value IS NULL THEN EXCLUDED.sum_value ELSE m.sum_value + coalesce(EXCLUDED.sum_value, 0) END,
    first_value = CASE WHEN m.first_time IS NULL OR EXCLUDED.first_time < m.first_time THEN coalesce(EXCLUDED.first_value, m.first_value) ELSE m.first_value END,
    first_time = least(m.first_time, EXCLUDED.first_time),
    last_value = CASE WHEN m.last_time IS NULL OR EXCLUDED.last_time >= m.last_time THEN coalesce(EXCLUDED.last_value, m.last_value) ELSE m.last_value END,
    last_time = greatest(m.last_time, EXCLUDED.last_time),
    machine_id = CASE WHEN EXCLUDED.latest_time >= m.latest_time THEN EXCLUDED.machine_id ELSE m.machine_id END,
    shift = CASE WHEN EXCLUDED.latest_time >= m.latest_time THEN EXCLUDED.shift ELSE m.shift END,
    unit = CASE WHEN EXCLUDED.latest_time >= m.latest_time THEN EXCLUDED.unit ELSE m.unit END,
    latest_time = greatest(m.latest_time, EXCLUDED.latest_time)
