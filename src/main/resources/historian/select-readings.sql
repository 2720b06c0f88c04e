SELECT reading_id, sensor_id, machine_id, shift, work_order, erp, kind, field, value, unit, quality, source, seq, source_time, arrival_time
FROM readings
WHERE sensor_id = :#sensorId AND source_time >= :#from AND source_time < :#to
ORDER BY source_time, seq
LIMIT :#limit
