-- A per-minute roll-up of each sensor's readings (docs/architecture.md, "Historian"; docs/bi.md): a
-- month of 1,000 sensors at 1 Hz is 43 million minute rows instead of 2.6 billion readings, so a
-- month's trend reads a month of minutes. The historian's write path keeps it current in the same
-- statement that inserts the readings (historian/insert-readings.sql), from the rows actually inserted.

-- Each sensor's minute. The value figures count readings with a value whose quality is not BAD
-- (value_count; avg = sum_value / value_count); readings and good_readings count every reading.
-- first/last: the minute's earliest and latest such value. machine_id, shift and unit: those of the
-- minute's latest reading.
CREATE TABLE readings_minute (
    sensor_id     text             NOT NULL,
    minute        timestamptz      NOT NULL,
    machine_id    text             NOT NULL,
    shift         text,
    unit          text             NOT NULL,
    readings      integer          NOT NULL,
    good_readings integer          NOT NULL,
    value_count   integer          NOT NULL,
    min_value     double precision,
    max_value     double precision,
    sum_value     double precision,
    first_value   double precision,
    first_time    timestamptz,
    last_value    double precision,
    last_time     timestamptz,
    latest_time   timestamptz      NOT NULL,
    PRIMARY KEY (sensor_id, minute)
) PARTITION BY RANGE (minute);

-- a machine's sensors over a month; every sensor over a time range. A B-tree, not a BRIN as on
-- readings: the planner costs a BRIN's lossy blocks high and read the whole month's partition
-- instead (2.7 s against 0.6 s for a day of 1,000 sensors, bench/historian); minutes repeat 1,000
-- times, so the B-tree's deduplication keeps it at 7 B a row
CREATE INDEX readings_minute_machine ON readings_minute (machine_id, minute);
CREATE INDEX readings_minute_time ON readings_minute (minute);

-- Month partitions of any of the two levels, named <parent>_pYYYYMM, which retention relies on.
CREATE FUNCTION ensure_month_partition(parent text, t timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    name text := parent || '_p' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
BEGIN
    IF to_regclass(quote_ident(current_schema()) || '.' || name) IS NULL THEN
        -- at most 5 s for the parent's lock, then "lock not available" (55P03), tried again later
        PERFORM set_config('lock_timeout', '5s', true);
        BEGIN
            -- the roll-up's minute rows are updated some 60 times each: room on the page keeps the
            -- updates HOT (no new index entries)
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)%s', name, parent,
                           month_start, month_start + interval '1 month',
                           CASE WHEN parent = 'readings_minute' THEN ' WITH (fillfactor = 70)' ELSE '' END);
        EXCEPTION WHEN duplicate_table THEN
            NULL; -- another bridge made it meanwhile
        END;
    END IF;
    RETURN name;
END;
$$;

-- Drops every month partition of parent that ends at or before the cutoff; answers their names.
CREATE FUNCTION drop_month_partitions_before(parent text, cutoff timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    part record;
BEGIN
    FOR part IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE p.relname = parent AND n.nspname = current_schema() AND c.relname ~ ('^' || parent || '_p[0-9]{6}$')
        ORDER BY c.relname
    LOOP
        IF (to_date(right(part.relname, 6), 'YYYYMM') + interval '1 month') AT TIME ZONE 'UTC' <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            RETURN NEXT part.relname;
        END IF;
    END LOOP;
END;
$$;

-- A month's readings partition comes with its roll-up partition: a batch writes both.
CREATE OR REPLACE FUNCTION ensure_reading_partition(t timestamptz) RETURNS text
LANGUAGE sql AS $$
    SELECT ensure_month_partition('readings_minute', t);
    SELECT ensure_month_partition('readings', t);
$$;

CREATE OR REPLACE FUNCTION drop_reading_partitions_before(cutoff timestamptz) RETURNS SETOF text
LANGUAGE sql AS $$
    SELECT drop_month_partitions_before('readings', cutoff);
$$;

-- The readings already stored, rolled up once (the same figures as historian/insert-readings.sql).
SELECT ensure_month_partition('readings_minute', to_date(right(c.relname, 6), 'YYYYMM') AT TIME ZONE 'UTC')
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'readings'::regclass AND c.relname ~ '^readings_p[0-9]{6}$';

INSERT INTO readings_minute (sensor_id, minute, machine_id, shift, unit, readings, good_readings, value_count,
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
FROM readings
GROUP BY sensor_id, date_trunc('minute', source_time);

-- For BI (docs/bi.md): each sensor's minutes with their average, the level to query for a week, a
-- month or a year; readings (raw) for detail within a minute.
CREATE VIEW readings_per_minute AS
SELECT machine_id, shift, sensor_id, minute, unit, readings, good_readings,
       readings - good_readings AS not_good_readings,
       min_value, max_value, sum_value / nullif(value_count, 0) AS avg_value,
       first_value, last_value, first_time, last_time
FROM readings_minute;
