-- KPIs per machine and shift (README "KPIs") and the views for BI tools (docs/bi.md).

-- What the catalogue says of a reading, for the KPIs: a counter of scrap (scrap: true), a counter's
-- ideal seconds per part (idealCycleSeconds: it counts toward OEE), a sensor whose value is the
-- machine's run state (runState: true; above 0 = running).
ALTER TABLE readings ADD COLUMN scrap boolean NOT NULL DEFAULT false;
ALTER TABLE readings ADD COLUMN ideal_cycle_seconds double precision;
ALTER TABLE readings ADD COLUMN run_state boolean NOT NULL DEFAULT false;

CREATE INDEX readings_kpi_sensors ON readings (machine_id, sensor_id, source_time)
    WHERE run_state OR ideal_cycle_seconds IS NOT NULL;

-- The planned time: each shift the plant's calendar (bridge.shifts.file) holds, as the bridge writes
-- it at its start and hourly (from the retention back to a week ahead). Holidays have none.
CREATE TABLE planned_shifts (
    shift     text        NOT NULL,
    starts_at timestamptz NOT NULL PRIMARY KEY,
    ends_at   timestamptz NOT NULL CHECK (ends_at > starts_at)
);

-- How long each run-state reading's state held: until the machine's next run-state reading (the
-- last one: until now).
CREATE VIEW run_intervals AS
SELECT machine_id,
       value > 0 AS running,
       source_time AS starts_at,
       coalesce(lead(source_time) OVER w, greatest(now(), source_time)) AS ends_at
FROM readings
WHERE run_state AND quality <> 'BAD'
WINDOW w AS (PARTITION BY machine_id ORDER BY source_time);

-- Parts per counter reading: what the counter rose since its previous reading (a drop is a reset:
-- the value counts from 0). Only counters with an ideal cycle time count toward OEE, so a node
-- reported to two ERPs is counted once (give idealCycleSeconds on one of its entries).
CREATE VIEW counted_parts AS
SELECT machine_id, sensor_id, source_time, scrap, ideal_cycle_seconds,
       CASE WHEN value >= prev THEN value - prev ELSE value END AS parts
FROM (SELECT machine_id, sensor_id, source_time, scrap, ideal_cycle_seconds, value,
             lag(value) OVER (PARTITION BY machine_id, sensor_id ORDER BY source_time) AS prev
      FROM readings
      WHERE kind = 'counter' AND ideal_cycle_seconds IS NOT NULL AND quality <> 'BAD' AND value IS NOT NULL) c
WHERE prev IS NOT NULL;

-- The machines a KPI is computed for: those with a run-state sensor or a counted counter.
CREATE VIEW kpi_machines AS
SELECT DISTINCT machine_id FROM readings WHERE run_state OR (kind = 'counter' AND ideal_cycle_seconds IS NOT NULL);

-- OEE = availability × performance × quality per machine and planned shift:
--   availability = run time / planned time
--   performance  = Σ parts × ideal cycle time / run time
--   quality      = good parts / all parts
-- MTTR = downtime / stops and MTBF = run time / stops, a stop being a change from running to not
-- running within the shift (no stop: both empty). Each figure is empty where it cannot be known.
CREATE VIEW oee_by_shift AS
WITH run AS (
    SELECT m.machine_id, p.shift, p.starts_at, p.ends_at,
           coalesce(sum(extract(epoch FROM least(i.ends_at, p.ends_at) - greatest(i.starts_at, p.starts_at)))
                    FILTER (WHERE i.running), 0)::double precision AS run_seconds,
           coalesce(sum(extract(epoch FROM least(i.ends_at, p.ends_at) - greatest(i.starts_at, p.starts_at)))
                    FILTER (WHERE NOT i.running), 0)::double precision AS down_seconds,
           count(i.starts_at) AS state_readings
    FROM kpi_machines m
    CROSS JOIN planned_shifts p
    LEFT JOIN run_intervals i ON i.machine_id = m.machine_id AND i.starts_at < p.ends_at AND i.ends_at > p.starts_at
    GROUP BY m.machine_id, p.shift, p.starts_at, p.ends_at
), stops AS (
    SELECT s.machine_id, p.starts_at, count(*) AS stops
    FROM (SELECT machine_id, starts_at, running, lag(running) OVER (PARTITION BY machine_id ORDER BY starts_at) AS was_running
          FROM run_intervals) s
    JOIN planned_shifts p ON s.starts_at >= p.starts_at AND s.starts_at < p.ends_at
    WHERE s.was_running AND NOT s.running
    GROUP BY s.machine_id, p.starts_at
), parts AS (
    SELECT c.machine_id, p.starts_at,
           sum(c.parts) FILTER (WHERE NOT c.scrap) AS good,
           sum(c.parts) FILTER (WHERE c.scrap) AS scrap,
           sum(c.parts * c.ideal_cycle_seconds) AS ideal_seconds
    FROM counted_parts c
    JOIN planned_shifts p ON c.source_time >= p.starts_at AND c.source_time < p.ends_at
    GROUP BY c.machine_id, p.starts_at
), figures AS (
    SELECT r.machine_id, r.shift, r.starts_at AS shift_start, r.ends_at AS shift_end,
           extract(epoch FROM r.ends_at - r.starts_at)::double precision AS planned_seconds,
           CASE WHEN r.state_readings > 0 THEN r.run_seconds END AS run_seconds,
           CASE WHEN r.state_readings > 0 THEN r.down_seconds END AS down_seconds,
           CASE WHEN r.state_readings > 0 THEN coalesce(s.stops, 0) END AS stops,
           coalesce(pa.good, 0) AS good_parts,
           coalesce(pa.scrap, 0) AS scrap_parts,
           pa.ideal_seconds
    FROM run r
    LEFT JOIN stops s ON s.machine_id = r.machine_id AND s.starts_at = r.starts_at
    LEFT JOIN parts pa ON pa.machine_id = r.machine_id AND pa.starts_at = r.starts_at
    WHERE r.state_readings > 0 OR pa.machine_id IS NOT NULL
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
