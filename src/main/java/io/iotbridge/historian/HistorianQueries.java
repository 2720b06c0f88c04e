package io.iotbridge.historian;

import io.iotbridge.api.BadRequestException;
import io.iotbridge.api.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /api/v1/historian/readings?sensorId=&from=&to=&limit=: checks the query and turns the rows
 * into JSON-friendly values. {@code from} and {@code to} are ISO-8601 instants (to defaults to
 * now, from to an hour before to); limit defaults to 1,000 and is at most 10,000.
 */
public final class HistorianQueries {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;

    private final boolean enabled;
    private final HistorianDatabase database;

    public HistorianQueries(boolean enabled, HistorianDatabase database) {
        this.enabled = enabled;
        this.database = database;
    }

    /** Sets the query's parameters as headers sensorId, from, to, limit; refuses a bad one with 400. */
    public void readings(Exchange exchange) {
        requireReady(enabled, database);
        Message in = exchange.getMessage();
        String sensorId = in.getHeader("sensorId", String.class);
        if (sensorId == null || sensorId.isBlank()) {
            throw new BadRequestException("sensorId is required");
        }
        Instant to = KpiQueries.instant(in.getHeader("to", String.class), "to", Instant.now());
        Instant from = KpiQueries.instant(in.getHeader("from", String.class), "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from must be before to");
        }
        int limit = DEFAULT_LIMIT;
        String limitText = in.getHeader("limit", String.class);
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        in.setHeader("sensorId", sensorId);
        in.setHeader("from", ReadingRows.utc(from));
        in.setHeader("to", ReadingRows.utc(to));
        in.setHeader("limit", limit);
    }

    /** An API query of the historian finds it on and its schema in place, or is answered 503 saying why. */
    static void requireReady(boolean enabled, HistorianDatabase database) {
        if (!enabled) {
            throw new ServiceUnavailableException("the historian is off (bridge.historian.enabled=false)");
        }
        if (database == null || !database.ready()) {
            throw new ServiceUnavailableException("the historian's database is not ready yet (its log says why)");
        }
    }

    /** The rows as the API answers them: times as ISO-8601 instants. */
    public List<Map<String, Object>> answer(@Body List<Map<String, Object>> rows) {
        List<Map<String, Object>> answer = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((column, value) -> out.put(camel(column), value instanceof java.sql.Timestamp t
                    ? t.toInstant().toString() : value instanceof java.time.OffsetDateTime o ? o.toInstant().toString() : value));
            answer.add(out);
        }
        return answer;
    }

    /** reading_id -> readingId, as the API's other JSON. */
    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
