-- The historian: every enriched reading and every ERP document outcome (docs/architecture.md, "Historian").
-- Flyway runs this in the schema historian (bridge.historian.schema), which is on the search path.

-- Readings, range-partitioned by month of their source time: a time-range query reads only the
-- months it covers, and retention drops whole months (no DELETE, no vacuum of a huge table).
-- PostgreSQL wants the partition key in every unique constraint; the reading id already holds its
-- source time (<sensorId>:<epoch ms>:<seq>), so (reading_id, source_time) is as unique as reading_id.
CREATE TABLE readings (
    reading_id   text             NOT NULL,
    sensor_id    text             NOT NULL,
    machine_id   text             NOT NULL,
    shift        text,
    work_order   text,
    erp          text,
    kind         text,
    field        text,
    value        double precision,
    unit         text             NOT NULL,
    quality      text             NOT NULL,
    source       text,
    seq          bigint           NOT NULL,
    source_time  timestamptz      NOT NULL,
    arrival_time timestamptz      NOT NULL,
    PRIMARY KEY (reading_id, source_time)
) PARTITION BY RANGE (source_time);

CREATE INDEX readings_sensor_time ON readings (sensor_id, source_time);
CREATE INDEX readings_machine_time ON readings (machine_id, source_time);

-- The month partition holding t, made when the first reading of that month comes (and safe when
-- two bridges make it at once). Partitions are named readings_pYYYYMM, which retention relies on.
-- The bridge makes this month's and the next at its start, so inserts rarely wait for one.
CREATE FUNCTION ensure_reading_partition(t timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    name text := 'readings_p' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
BEGIN
    IF to_regclass(quote_ident(current_schema()) || '.' || name) IS NULL THEN
        -- the lock on readings waited for at most 5 s: then "lock not available" (55P03), which
        -- the historian tries again later, instead of every insert queueing behind this one
        PERFORM set_config('lock_timeout', '5s', true);
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)',
                           name, month_start, month_start + interval '1 month');
        EXCEPTION WHEN duplicate_table THEN
            NULL; -- another bridge made it meanwhile
        END;
    END IF;
    RETURN name;
END;
$$;

-- Retention: drops every month partition that ends at or before the cutoff; answers their names.
CREATE FUNCTION drop_reading_partitions_before(cutoff timestamptz) RETURNS SETOF text
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
        WHERE p.relname = 'readings' AND n.nspname = current_schema() AND c.relname ~ '^readings_p[0-9]{6}$'
        ORDER BY c.relname
    LOOP
        IF (to_date(substr(part.relname, 11), 'YYYYMM') + interval '1 month') AT TIME ZONE 'UTC' <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            RETURN NEXT part.relname;
        END IF;
    END LOOP;
END;
$$;

-- What became of each document the bridge sent: accepted by the ERP, or dead-lettered with the
-- reason. One row per document (its key within its ERP); reading_ids joins it to readings.
CREATE TABLE document_outcomes (
    erp          text        NOT NULL,
    document_key text        NOT NULL,
    kind         text        NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('accepted', 'dead-lettered')),
    reason       text,
    sensor_id    text,
    machine_id   text,
    shift        text,
    work_order   text,
    reading_ids  text[]      NOT NULL,
    first_reading_time timestamptz,
    decided_at   timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (erp, document_key)
);

CREATE INDEX document_outcomes_machine_time ON document_outcomes (machine_id, decided_at);
CREATE INDEX document_outcomes_reading_ids ON document_outcomes USING gin (reading_ids);
