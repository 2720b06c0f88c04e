-- What keeps a month of 1,000 sensors at 1 Hz (2.6 billion readings) as fast as an hour of it
-- (docs/architecture.md, "Historian", measured with bench/historian/): each query's cost should follow the rows it
-- returns, not the rows the table holds.

-- A query by time alone (a day's readings per machine and shift, readings_by_machine_shift for one
-- shift) had no index to use and read its whole month partition. Readings arrive in time order, so
-- a BRIN index (a few kB per GB of table) tells which blocks hold a time range; autosummarize keeps
-- it current between vacuums.
CREATE INDEX readings_source_time_brin ON readings USING brin (source_time) WITH (autosummarize = on);

-- The KPI views read each shift's run-state and counter readings: with the columns they use in the
-- index, from the index alone, instead of one heap page per reading (a machine's readings are spread
-- across the pages of every second's 1,000). The same keys and conditions as in V2.
DROP INDEX readings_run_state;
CREATE INDEX readings_run_state ON readings (machine_id, source_time) INCLUDE (value, quality) WHERE run_state;
DROP INDEX readings_counted;
CREATE INDEX readings_counted ON readings (machine_id, sensor_id, source_time)
    INCLUDE (value, quality, scrap, ideal_cycle_seconds)
    WHERE kind = 'counter' AND ideal_cycle_seconds IS NOT NULL;

-- The machines and counters a KPI is computed for, found by skipping from one to the next in the
-- partial indexes (a few lookups per machine and partition) instead of a DISTINCT over all their
-- readings: that read 8.6 million index entries a day at 1 Hz, for every refresh of the gauges.
CREATE OR REPLACE VIEW kpi_counters AS
WITH RECURSIVE counters (machine_id, sensor_id) AS (
    (SELECT machine_id, sensor_id FROM readings
     WHERE kind = 'counter' AND ideal_cycle_seconds IS NOT NULL
     ORDER BY machine_id, sensor_id LIMIT 1)
    UNION ALL
    SELECT n.machine_id, n.sensor_id
    FROM counters c
    CROSS JOIN LATERAL (
        SELECT r.machine_id, r.sensor_id FROM readings r
        WHERE r.kind = 'counter' AND r.ideal_cycle_seconds IS NOT NULL
          AND (r.machine_id, r.sensor_id) > (c.machine_id, c.sensor_id)
        ORDER BY r.machine_id, r.sensor_id LIMIT 1) n
)
SELECT machine_id, sensor_id FROM counters;

CREATE OR REPLACE VIEW kpi_machines AS
WITH RECURSIVE machines (machine_id) AS (
    (SELECT machine_id FROM readings WHERE run_state ORDER BY machine_id LIMIT 1)
    UNION ALL
    SELECT (SELECT r.machine_id FROM readings r
            WHERE r.run_state AND r.machine_id > m.machine_id ORDER BY r.machine_id LIMIT 1)
    FROM machines m
    WHERE m.machine_id IS NOT NULL
)
SELECT machine_id FROM machines WHERE machine_id IS NOT NULL
UNION
SELECT machine_id FROM kpi_counters;
