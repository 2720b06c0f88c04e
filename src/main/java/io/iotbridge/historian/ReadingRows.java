package io.iotbridge.historian;

import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
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
        Reading r = json.get().parse(in.getBody(String.class));
        String[] route = in.getHeader("CamelSpringRabbitmqRoutingKey", "", String.class).split("\\.", 3);
        Map<String, Object> row = new HashMap<>();
        row.put("reading_id", r.id());
        row.put("sensor_id", r.sensorId());
        row.put("machine_id", r.machineId());
        row.put("shift", shifts.get().shiftAt(r.ts()).orElse(null));
        String erp = route.length == 3 ? route[0] : null;
        String order = blankToNull(in.getHeader("iotProductionOrder", String.class));
        if (order == null && erp != null && r.machineId() != null) {
            order = enrichers.apply(erp).flatMap(e -> e.knownWorkOrder(r.machineId())).orElse(null);
        }
        row.put("work_order", order);
        row.put("erp", erp);
        row.put("kind", blankToNull(in.getHeader("iotKind", String.class)));
        row.put("field", blankToNull(in.getHeader("iotField", String.class)));
        row.put("value", r.value());
        row.put("unit", r.unit());
        row.put("quality", r.quality().name());
        row.put("source", r.source());
        row.put("seq", r.seq());
        row.put("source_time", utc(r.ts()));
        row.put("arrival_time", utc(arrival(in.getHeader("iotReceivedAt", String.class))));
        // what the catalogue entry says for the KPIs (docs/plant-engineer.md, "Sensors for KPIs")
        row.put("scrap", Boolean.parseBoolean(String.valueOf(in.getHeader("iotScrap", "false", String.class)).strip()));
        row.put("run_state", Boolean.parseBoolean(String.valueOf(in.getHeader("iotRunState", "false", String.class)).strip()));
        row.put("ideal_cycle_seconds", idealCycleSeconds(in.getHeader("iotIdealCycleSeconds", String.class)));
        return row;
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
