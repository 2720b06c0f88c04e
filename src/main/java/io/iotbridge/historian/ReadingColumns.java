package io.iotbridge.historian;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.camel.Exchange;

/**
 * A batch of reading rows ({@link ReadingRows}) as one array per column, the parameters of
 * historian/insert-readings.sql: a single statement inserts the batch's readings and rolls up those
 * actually inserted into readings_minute, in one transaction, so a redelivered reading (skipped by
 * the insert) is never counted twice. The arrays are exchange variables, which camel-sql reads
 * named parameters from; the body stays the list of rows, for the batch written row by row.
 */
public final class ReadingColumns {

    private static final List<String> TEXT = List.of("reading_id", "sensor_id", "machine_id", "shift", "work_order",
            "erp", "kind", "field", "unit", "quality", "source");

    /** The body, a batch of rows or one row (a batch written row by row), becomes a list of rows and its columns. */
    @SuppressWarnings("unchecked")
    public void columns(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<Map<String, Object>> rows = body instanceof Map<?, ?> one
                ? List.of((Map<String, Object>) one) : (List<Map<String, Object>>) body;
        exchange.getMessage().setBody(rows);
        for (String name : TEXT) {
            exchange.setVariable(name, column(rows, name, String[]::new));
        }
        exchange.setVariable("value", column(rows, "value", Double[]::new));
        exchange.setVariable("ideal_cycle_seconds", column(rows, "ideal_cycle_seconds", Double[]::new));
        exchange.setVariable("seq", column(rows, "seq", Long[]::new));
        exchange.setVariable("scrap", column(rows, "scrap", Boolean[]::new));
        exchange.setVariable("run_state", column(rows, "run_state", Boolean[]::new));
        // as ISO-8601 text, cast to timestamptz by the statement: no loss of the microseconds
        exchange.setVariable("source_time", times(rows, "source_time"));
        exchange.setVariable("arrival_time", times(rows, "arrival_time"));
    }

    private static <T> T[] column(List<Map<String, Object>> rows, String name, IntFunction<T[]> array) {
        T[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            @SuppressWarnings("unchecked")
            T value = (T) rows.get(i).get(name);
            values[i] = value;
        }
        return values;
    }

    private static String[] times(List<Map<String, Object>> rows, String name) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            OffsetDateTime t = (OffsetDateTime) rows.get(i).get(name);
            values[i] = t == null ? null : t.toString();
        }
        return values;
    }
}
