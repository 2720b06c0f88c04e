-- The planned shifts of the loaded day (the default calendar, UTC), as PlannedShifts writes them.
SET search_path = historian;
INSERT INTO planned_shifts (shift, starts_at, ends_at) VALUES
    ('early', '2026-11-30 06:00+00', '2026-11-30 14:00+00'),
    ('late',  '2026-11-30 14:00+00', '2026-11-30 22:00+00'),
    ('night', '2026-11-30 22:00+00', '2026-12-01 06:00+00'),
    ('early', '2026-12-01 06:00+00', '2026-12-01 14:00+00')
ON CONFLICT DO NOTHING;
