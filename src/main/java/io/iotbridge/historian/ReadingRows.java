package io.iotbridge.historian;

import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.reading.Reading;
import io.iotbridge.buffer.BatchMessage;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A reading from iot.readings as a row of historian.readings: the canonical reading (value and
 * unit already converted to its ERP field's), with machine, shift (the plant's shift calendar at
 * the reading's time), work order (the catalogue entry's productionOrder, else the order the ERP
 * module last found in progress on the machine for its documents, while fresh: the historian never
 * asks an ERP itself), ERP, kind, field, quality and both times.
 */
public final class ReadingRows {

    private final Supplier<ReadingJson> json;
    private final Supplier<ShiftCalendar> shifts;
    private final Function<String, Optional<DocumentEnricher>> enrichers;

    /** @param enrichers each ERP module's enricher, by module name */
    public ReadingRows(Supplier<ReadingJson> json, Supplier<ShiftCalendar> shifts,
                       Function<String, Optional<DocumentEnricher>> enrichers) {
        this.json = json;
        this.shifts = shifts;
        this.enrichers = enrichers;
    }

    /** @throws io.iotbridge.reading.ReadingRejectedException when the message is no canonical reading */
    public Map<String, Object> row(Exchange exchange) {
        Message in = exchange.getMessage();
        return row(json.get().parse(in.getBody(String.class)), in.getHeader("CamelSpringRabbitmqRoutingKey", "", String.class),
                name -> in.getHeader(name, String.class));
    }

    /**
     * The rows of a message: one for a single reading, one per line for a batch ({@link BatchMessage}).
     * A batch's line that is no reading gives no row: it is put, with the reason, into the
     * exchange property {@link HistorianBatch#REFUSED_LINES}, to be set aside alone.
     *
     * @throws io.iotbridge.reading.ReadingRejectedException when a single message is no canonical reading
     */
    public List<Map<String, Object>> rows(Exchange exchange) {
        Message in = exchange.getMessage();
        if (!BatchMessage.isBatch(in)) {
            return new ArrayList<>(List.of(row(exchange)));
        }
        String routingKey = in.getHeader("CamelSpringRabbitmqRoutingKey", "", String.class);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<HistorianBatch.RefusedLine> refused = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (BatchMessage.Line line : BatchMessage.lines(in.getBody(String.class))) {
            try {
                if (line.problem() != null) {
                    throw new ReadingRejectedException("unparseable", line.problem());
                }
                rows.add(row(json.get().parseNode(line.reading()), routingKey, line.headers()::get));
                lines.add(line.body());
            } catch (ReadingRejectedException e) {
                refused.add(new HistorianBatch.RefusedLine(line, e.getMessage()));
            }
        }
        exchange.setProperty(HistorianBatch.REFUSED_LINES, refused);
        exchange.setProperty(HistorianBatch.LINES, lines);
        return rows;
    }

    private Map<String, Object> row(Reading r, String routingKey, Function<String, String> header) {
        String[] route = routingKey.split("\\.", 3);
        Map<String, Object> row = new HashMap<>();
        row.put("reading_id", r.id());
        row.put("sensor_id", r.sensorId());
        row.put("machine_id", r.machineId());
        row.put("shift", shifts.get().shiftAt(r.ts()).orElse(null));
        String erp = route.length == 3 ? route[0] : null;
        String order = blankToNull(header.apply("iotProductionOrder"));
        if (order == null && erp != null && r.machineId() != null) {
            order = enrichers.apply(erp).flatMap(e -> e.knownWorkOrder(r.machineId())).orElse(null);
        }
        row.put("work_order", order);
        row.put("erp", erp);
        row.put("kind", blankToNull(header.apply("iotKind")));
        row.put("field", blankToNull(header.apply("iotField")));
        row.put("value", r.value());
        row.put("unit", r.unit());
        row.put("quality", r.quality().name());
        row.put("source", r.source());
        row.put("seq", r.seq());
        row.put("source_time", utc(r.ts()));
        row.put("arrival_time", utc(arrival(header.apply("iotReceivedAt"))));
        // what the catalogue entry says for the KPIs (docs/plant-engineer.md, "Sensors for KPIs")
        row.put("scrap", flag(header.apply("iotScrap")));
        row.put("run_state", flag(header.apply("iotRunState")));
        row.put("ideal_cycle_seconds", idealCycleSeconds(header.apply("iotIdealCycleSeconds")));
        return row;
    }

    private static boolean flag(String text) {
        return Boolean.parseBoolean(String.valueOf(text == null ? "false" : text).strip());
    }

    /** When the bridge took the reading in (header iotReceivedAt); now for a reading published before it had one. */
    private static Instant arrival(String receivedAt) {
        if (receivedAt != null) {
            try {
                return Instant.parse(receivedAt);
            } catch (DateTimeParseException e) {
                // a reading from an older bridge or a hand-made message: the historian's own clock
            }
        }
        return Instant.now();
    }

    /** The entry's idealCycleSeconds, checked at load (a positive number); blank: none. */
    private static Double idealCycleSeconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(text.strip());
            return seconds > 0 && Double.isFinite(seconds) ? seconds : null;
        } catch (NumberFormatException e) {
            return null; // refused by the catalogue gate already; a reading is never lost for it
        }
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
