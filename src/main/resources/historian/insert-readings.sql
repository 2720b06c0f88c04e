INSERT INTO readings (reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq, source_time, arrival_time, scrap, run_state, ideal_cycle_seconds)
VALUES (:#reading_id, :#sensor_id, :#machine_id, :#shift, :#work_order, :#erp, :#kind, :#field, :#value, :#unit, :#quality, :#source, :#seq, :#source_time, :#arrival_time, :#scrap, :#run_state, :#ideal_cycle_seconds)
ON CONFLICT (reading_id, source_time) DO NOTHING
