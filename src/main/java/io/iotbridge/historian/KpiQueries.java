package io.iotbridge.historian;

import io.iotbridge.api.BadRequestException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /api/v1/kpis?machineId=&from=&to=: OEE, its three factors, MTTR and MTBF of each machine
 * (or the one asked for) for every shift starting in [from, to), from the view
 * historian.oee_by_shift. to defaults to now, from to a day before to; at most 400 days apart.
 */
public final class KpiQueries {

    static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    static final Duration MAX_RANGE = Duration.ofDays(400);
    static final String SELECT = "SELECT machine_id, shift, shift_start, shift_end, planned_seconds, run_seconds, down_seconds,"
            + " stops, good_parts, scrap_parts, availability, performance, quality, oee, mttr_seconds, mtbf_seconds"
            + " FROM oee_by_shift WHERE shift_start >= ? AND shift_start < ? AND (? IS NULL OR machine_id = ?)"
            + " ORDER BY machine_id, shift_start";

    private final boolean enabled;
    private final HistorianDatabase database;
    private final DataSource dataSource;

    public KpiQueries(boolean enabled, HistorianDatabase database, DataSource dataSource) {
        this.enabled = enabled;
        this.database = database;
        this.dataSource = dataSource;
    }

    /** The API's answer; a bad parameter is refused with 400 naming it. */
    public List<Map<String, Object>> kpis(Exchange exchange) throws SQLException {
        HistorianQueries.requireReady(enabled, database);
        Message in = exchange.getMessage();
        String machine = in.getHeader("machineId", String.class);
        machine = machine == null || machine.isBlank() ? null : machine.strip();
        Instant to = instant(in.getHeader("to", String.class), "to", Instant.now());
        Instant from = instant(in.getHeader("from", String.class), "from", to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new BadRequestException("from and to may be at most " + MAX_RANGE.toDays() + " days apart");
        }
        return select(machine, from, to);
    }

    /** The shifts starting in [from, to), of one machine or (null) all, as the API answers them. */
    public List<Map<String, Object>> select(String machine, Instant from, Instant to) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement settings = c.createStatement();
                 PreparedStatement query = c.prepareStatement(SELECT)) {
                // JIT compiling the views' plan costs about a second, ten times what running it costs
                settings.execute("SET LOCAL jit = off");
                query.setObject(1, ReadingRows.utc(from));
                query.setObject(2, ReadingRows.utc(to));
                query.setString(3, machine);
                query.setString(4, machine);
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnLabel(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
        return answer(rows);
    }

    private static List<Map<String, Object>> answer(List<Map<String, Object>> rows) {
        List<Map<String, Object>> answer = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((column, value) -> out.put(HistorianQueries.camel(column), json(value)));
            answer.add(out);
        }
        return answer;
    }

    /** Times as ISO-8601 instants, numbers as doubles (numeric arrives as BigDecimal). */
    private static Object json(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (value instanceof Number n && !(value instanceof Long)) {
            return n.doubleValue();
        }
        return value;
    }

    static Instant instant(String text, String name, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
    }
}
