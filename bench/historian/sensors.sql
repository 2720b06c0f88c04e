-- The bench's 1,000 sensors (insert-readings.sql, insert-rollup.sql): 100 machines (PRESS-001, CNC-002,
-- MOLD-003, WELD-004, ...) of 10 sensors each, sensor 8 a counted counter, sensor 9 the run state, each
-- with its ERP, its work-order form, its ERP field and UCUM unit. A temporary table of the session.
CREATE TEMP TABLE sensors AS
SELECT s, s / 10 AS m, s % 10 AS k,
       lower((ARRAY['PRESS', 'CNC', 'MOLD', 'WELD'])[(s / 10) % 4 + 1]) || lpad((s / 10 + 1)::text, 3, '0') || '-'
           || (ARRAY['temp', 'vib', 'pressure', 'current', 'energy', 'speed', 'torque', 'flow', 'count', 'state'])[s % 10 + 1] AS sensor_id,
       (ARRAY['PRESS', 'CNC', 'MOLD', 'WELD'])[(s / 10) % 4 + 1] || '-' || lpad((s / 10 + 1)::text, 3, '0') AS machine_id,
       (ARRAY[(4700 + s / 10)::text, 'P000' || (100 + s / 10), 'MO-2026-' || lpad((s / 10)::text, 5, '0')])[(s / 10) % 3 + 1] AS work_order,
       (ARRAY['sap-b1', 'dynamics365', 'infor'])[(s / 10) % 3 + 1] AS erp,
       CASE WHEN s % 10 = 8 THEN 'counter' ELSE 'meter' END AS kind,
       (ARRAY['oil-temperature', 'vibration-velocity', 'hydraulic-pressure', 'motor-current', 'energy',
              'spindle-speed', 'torque', 'coolant-flow', 'good-parts', 'run-state'])[s % 10 + 1] AS field,
       (ARRAY['Cel', 'mm/s', 'bar', 'A', 'kW.h', '/min', 'N.m', 'L/min', '{parts}', '1'])[s % 10 + 1] AS unit,
       -- OPC UA readings carry seq 0; an MQTT device counts its own
       CASE WHEN (s / 10) % 5 = 4 THEN 'mqtt' ELSE 'opcua' END AS source
FROM generate_series(0, 999) AS s;
