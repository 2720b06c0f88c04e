-- KPIs per machine and shift (docs/architecture.md, "KPIs") and the views for BI tools (docs/bi.md).

-- What the catalogue says of a reading, for the KPIs: a counter of scrap (scrap: true), a counter's
-- ideal seconds per part (idealCycleSeconds: it counts toward OEE), a sensor whose value is the
-- machine's run state (runState: true; above 0 = running).
ALTER TABLE readings ADD COLUMN scrap boolean NOT NULL DEFAULT false;
ALTER TABLE readings ADD COLUMN ideal_cycle_seconds double precision;
ALTER TABLE readings ADD COLUMN run_state boolean NOT NULL DEFAULT false;

-- the KPI views read a shift's run-state and counter readings, and the last one before it, by these
CREATE INDEX readings_run_state ON readings (machine_id, source_time) WHERE run_state;
CREATE INDEX readings_counted ON readings (machine_id, sensor_id, source_time)
    WHERE kind = 'counter' AND ideal_cycle_seconds IS NOT NULL;

-- The planned time: each shift the plant's calendar (bridge.shifts.file) holds, as the bridge writes
-- it at its start and hourly (from the retention back to a week ahead). Holidays have none.
CREATE TABLE planned_shifts (
    shift     text        NOT NULL,
    starts_at timestamptz NOT NULL PRIMARY KEY,
    ends_at   timestamptz NOT NULL CHECK (ends_at > starts_at)
);

-- The machines a KPI is computed for: those with a run-state sensor or a counted counter; and the
-- counted counters.
CREATE VIEW kpi_counters AS
SELECT DISTINCT machine_id, sensor_id FROM readings WHERE kind = 'counter' AND ideal_cycle_seconds IS NOT NULL;

CREATE VIEW kpi_machines AS
SELECT DISTINCT machine_id FROM readings WHERE run_state
UNION
SELECT machine_id FROM kpi_counters;

-- Each machine's run state through each planned shift that has begun: the state the last reading
-- before the shift left (from the shift's start), then each reading within it, each holding until
-- the next (the last: until the shift's end or now). Only the shift's own readings and one before
-- it are read, so a query of a few shifts costs a few shifts, however long the history.
CREATE VIEW run_intervals AS
SELECT m.machine_id, p.shift, p.starts_at AS shift_start, p.ends_at AS shift_end, s.running, s.was_running,
       s.starts_at, s.ends_at
FROM kpi_machines m
CROSS JOIN planned_shifts p
CROSS JOIN LATERAL (
    SELECT x.running, lag(x.running) OVER w AS was_running, x.t AS starts_at,
           coalesce(lead(x.t) OVER w, least(p.ends_at, greatest(now(), x.t))) AS ends_at
    FROM ((SELECT r.value > 0 AS running, p.starts_at AS t, 0 AS carried_first
           FROM readings r
           WHERE r.machine_id = m.machine_id AND r.run_state AND r.quality <> 'BAD' AND r.source_time < p.starts_at
           ORDER BY r.source_time DESC LIMIT 1)
          UNION ALL
          SELECT r.value > 0, r.source_time, 1
          FROM readings r
          WHERE r.machine_id = m.machine_id AND r.run_state AND r.quality <> 'BAD'
            AND r.source_time >= p.starts_at AND r.source_time < p.ends_at) x
    WINDOW w AS (ORDER BY x.t, x.carried_first)
) s
WHERE p.starts_at <= now();

-- Parts each counted counter made in each planned shift: what it rose from reading to reading,
-- from the last reading before the shift on (a drop is a reset: the value counts from 0). Only
-- counters with an ideal cycle time count toward OEE, so a node reported to two ERPs is counted
-- once (give idealCycleSeconds on one of its entries).
CREATE VIEW counted_parts AS
SELECT c.machine_id, c.sensor_id, p.starts_at AS shift_start, y.scrap, y.ideal_cycle_seconds,
       CASE WHEN y.value >= y.prev THEN y.value - y.prev ELSE y.value END AS parts
FROM kpi_counters c
CROSS JOIN planned_shifts p
CROSS JOIN LATERAL (
    SELECT x.value, x.scrap, x.ideal_cycle_seconds, x.in_shift, lag(x.value) OVER (ORDER BY x.source_time) AS prev
    FROM ((SELECT r.value, r.scrap, r.ideal_cycle_seconds, r.source_time, false AS in_shift
           FROM readings r
           WHERE r.machine_id = c.machine_id AND r.sensor_id = c.sensor_id AND r.kind = 'counter'
             AND r.ideal_cycle_seconds IS NOT NULL AND r.quality <> 'BAD' AND r.value IS NOT NULL
             AND r.source_time < p.starts_at
           ORDER BY r.source_time DESC LIMIT 1)
          UNION ALL
          SELECT r.value, r.scrap, r.ideal_cycle_seconds, r.source_time, true
          FROM readings r
          WHERE r.machine_id = c.machine_id AND r.sensor_id = c.sensor_id AND r.kind = 'counter'
            AND r.ideal_cycle_seconds IS NOT NULL AND r.quality <> 'BAD' AND r.value IS NOT NULL
            AND r.source_time >= p.starts_at AND r.source_time < p.ends_at) x
) y
WHERE p.starts_at <= now() AND y.in_shift AND y.prev IS NOT NULL;

-- OEE = availability × performance × quality per machine and planned shift:
--   availability = run time / planned time
--   performance  = Σ parts × ideal cycle time / run time
--   quality      = good parts / all parts
-- MTTR = downtime / stops and MTBF = run time / stops, a stop being a change from running to not
-- running within the shift (no stop: both empty). Each figure is empty where it cannot be known.
CREATE VIEW oee_by_shift AS
WITH figures AS (
    SELECT m.machine_id, p.shift, p.starts_at AS shift_start, p.ends_at AS shift_end,
           extract(epoch FROM p.ends_at - p.starts_at)::double precision AS planned_seconds,
           CASE WHEN r.known > 0 THEN r.run_seconds END AS run_seconds,
           CASE WHEN r.known > 0 THEN r.down_seconds END AS down_seconds,
           CASE WHEN r.known > 0 THEN r.stops END AS stops,
           coalesce(pa.good, 0) AS good_parts,
           coalesce(pa.scrap, 0) AS scrap_parts,
           pa.ideal_seconds
    FROM kpi_machines m
    CROSS JOIN planned_shifts p
    -- each machine and shift alone, so a filter on machine_id or shift_start reads only those
    CROSS JOIN LATERAL (
        SELECT count(*) AS known,
               coalesce(sum(extract(epoch FROM i.ends_at - i.starts_at)) FILTER (WHERE i.running), 0)::double precision AS run_seconds,
               coalesce(sum(extract(epoch FROM i.ends_at - i.starts_at)) FILTER (WHERE NOT i.running), 0)::double precision AS down_seconds,
               count(*) FILTER (WHERE i.was_running AND NOT i.running) AS stops
        FROM run_intervals i
        WHERE i.machine_id = m.machine_id AND i.shift_start = p.starts_at) r
    CROSS JOIN LATERAL (
        SELECT count(*) AS counted,
               sum(c.parts) FILTER (WHERE NOT c.scrap) AS good,
               sum(c.parts) FILTER (WHERE c.scrap) AS scrap,
               sum(c.parts * c.ideal_cycle_seconds) AS ideal_seconds
        FROM counted_parts c
        WHERE c.machine_id = m.machine_id AND c.shift_start = p.starts_at) pa
    WHERE p.starts_at <= now() AND (r.known > 0 OR pa.counted > 0)
), ratios AS (
    SELECT f.*,
           CASE WHEN f.run_seconds IS NOT NULL THEN f.run_seconds / f.planned_seconds END AS availability,
           CASE WHEN f.run_seconds > 0 AND f.ideal_seconds IS NOT NULL THEN f.ideal_seconds / f.run_seconds END AS performance,
           CASE WHEN f.good_parts + f.scrap_parts > 0 THEN f.good_parts / (f.good_parts + f.scrap_parts) END AS quality
    FROM figures f
)
SELECT machine_id, shift, shift_start, shift_end, planned_seconds, run_seconds, down_seconds, stops,
       good_parts, scrap_parts, availability, performance, quality,
       availability * performance * quality AS oee,
       CASE WHEN stops > 0 THEN down_seconds / stops END AS mttr_seconds,
       CASE WHEN stops > 0 THEN run_seconds / stops END AS mtbf_seconds
FROM ratios;

-- For BI: each sensor's readings per machine and planned shift.
CREATE VIEW readings_by_machine_shift AS
SELECT r.machine_id, p.shift, p.starts_at AS shift_start, p.ends_at AS shift_end, r.sensor_id, r.unit,
       count(*) AS readings,
       count(*) FILTER (WHERE r.quality = 'GOOD') AS good_readings,
       count(*) FILTER (WHERE r.quality = 'BAD') AS bad_readings,
       min(r.value) AS min_value, max(r.value) AS max_value, avg(r.value) AS avg_value,
       min(r.source_time) AS first_reading, max(r.source_time) AS last_reading
FROM readings r
JOIN planned_shifts p ON r.source_time >= p.starts_at AND r.source_time < p.ends_at
GROUP BY r.machine_id, p.shift, p.starts_at, p.ends_at, r.sensor_id, r.unit;

-- For BI: each alert the bridge raised, with the maintenance document it became in its ERP
-- (accepted, or dead-lettered with the ERP's reason) and the reading that crossed the threshold.
CREATE VIEW alerts_with_documents AS
SELECT o.machine_id, o.sensor_id, o.shift, o.erp, o.document_key, o.outcome, o.reason,
       o.first_reading_time AS alert_time, o.decided_at,
       r.value, r.unit, r.quality, o.work_order, o.reading_ids[1] AS reading_id
FROM document_outcomes o
LEFT JOIN readings r ON r.reading_id = o.reading_ids[1]
WHERE o.kind = 'alert';
