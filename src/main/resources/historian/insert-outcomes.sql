INSERT INTO document_outcomes (erp, document_key, kind, outcome, reason, sensor_id, machine_id, shift, work_order, reading_ids, first_reading_time, decided_at)
VALUES (:#erp, :#document_key, :#kind, :#outcome, :#reason, :#sensor_id, :#machine_id, :#shift, :#work_order, :#reading_ids, :#first_reading_time, :#decided_at)
ON CONFLICT (erp, document_key) DO NOTHING
