package io.iotbridge.historian;

import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.enrich.ShiftCalendar.PlannedShift;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Writes the plant's shift calendar into historian.planned_shifts, the planned time of the KPI
 * views: at the historian's start every shift from the retention on, then (hourly) those of the
 * last two days and the week ahead. A shift the calendar now plans differently is written anew.
 */
public final class PlannedShifts {

    static final Duration AHEAD = Duration.ofDays(7);
    static final Duration AGAIN_BACK = Duration.ofDays(2);

    private final DataSource dataSource;
    private final Supplier<ShiftCalendar> calendar;
    private final Duration retention;
    private volatile boolean written;

    public PlannedShifts(DataSource dataSource, Supplier<ShiftCalendar> calendar, Duration retention) {
        this.dataSource = dataSource;
        this.calendar = calendar;
        this.retention = retention;
    }

    /** Answers how many shifts were written. */
    public int refresh() throws SQLException {
        Instant now = Instant.now();
        int count = write(calendar.get().plannedBetween(now.minus(written ? AGAIN_BACK : retention), now.plus(AHEAD)));
        written = true;
        return count;
    }

    int write(List<PlannedShift> shifts) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("INSERT INTO planned_shifts (shift, starts_at, ends_at) VALUES (?, ?, ?)"
                     + " ON CONFLICT (starts_at) DO UPDATE SET shift = excluded.shift, ends_at = excluded.ends_at")) {
            for (PlannedShift s : shifts) {
                upsert.setString(1, s.name());
                upsert.setObject(2, ReadingRows.utc(s.start()));
                upsert.setObject(3, ReadingRows.utc(s.end()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return shifts.size();
    }
}
