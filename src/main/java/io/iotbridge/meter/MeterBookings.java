package io.iotbridge.meter;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.reading.Reading;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Sends a closed meter window as the documents its readings belong to, so that a replay never
 * swallows a reading. Without this, a window redelivered after a broker restart or a crash,
 * merged with readings of the same window that reached the queue meanwhile, would carry the key
 * of the document already booked, be answered "already booked", and its new readings would be
 * acknowledged without ever being booked.
 *
 * <p>Every part is recorded ({@link MeterPartStore}) before it is sent and until all its readings
 * are acknowledged. A closed window is then split: readings of a part the ERP accepted are
 * acknowledged without a document; readings of a part that was being sent are sent again as that
 * part (same reading ids, hence the same key: the ERP books it once); the rest form a new part
 * with a key of its own.
 *
 * <p>The record is this instance's: with several bridges on one queue, a window redelivered to
 * another instance does not see it (README, Delivery guarantees).
 */
public class MeterBookings {

    /** Exchange property: true for a part the ERP already accepted; its readings are only acknowledged. */
    public static final String BOOKED = "iotMeterPartBooked";
    /** Exchange property: the part's document, as {@link #open} made it (the sink replaces the body). */
    public static final String WINDOW = "iotMeterPart";

    private final MeterPartStore store;
    private final Deliveries deliveries;

    public MeterBookings(MeterPartStore store, Deliveries deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    /** One part of a closed window: its readings, and its record when it was sent before. */
    public record Part(List<Reading> readings, MeterPartRecord recorded, java.time.Instant windowStart,
                       java.time.Instant windowEnd) {
    }

    /** The splitter's expression: the parts the closed window in the body is sent as. */
    @SuppressWarnings("unchecked")
    public List<Part> parts(Exchange exchange) {
        MeterWindow window = exchange.getMessage().getBody(MeterWindow.class);
        List<Reading> readings = exchange.getProperty(MeterWindowAggregator.READINGS, List.class);
        String erp = erp(exchange);
        Map<String, Reading> remaining = new LinkedHashMap<>();
        readings.forEach(r -> remaining.putIfAbsent(r.id(), r));
        List<Part> parts = new ArrayList<>();
        for (MeterPartRecord recorded : store.parts(erp, window.sensorId(), window.windowStart().toEpochMilli())) {
            List<Reading> own = new ArrayList<>();
            for (String id : recorded.readingIds()) {
                Reading r = remaining.remove(id);
                if (r != null) {
                    own.add(r);
                }
            }
            if (!own.isEmpty()) {
                parts.add(new Part(own, recorded, window.windowStart(), window.windowEnd()));
            }
        }
        if (!remaining.isEmpty()) {
            parts.add(new Part(List.copyOf(remaining.values()), null, window.windowStart(), window.windowEnd()));
        }
        return parts;
    }

    /**
     * First step of each part: narrows the exchange's deliveries to the part's readings and
     * answers its document; a new part is recorded before it is sent.
     */
    public MeterWindow open(Exchange exchange) {
        Part part = exchange.getMessage().getBody(Part.class);
        deliveries.restrict(exchange, ids(part.readings()));
        MeterPartRecord recorded = part.recorded();
        MeterWindow window = recorded == null
                ? MeterWindow.over(part.readings(), part.windowStart(), part.windowEnd())
                : MeterWindow.over(part.readings(), part.windowStart(), part.windowEnd(), recorded.readingIds());
        exchange.setProperty(BOOKED, recorded != null && recorded.accepted());
        exchange.setProperty(WINDOW, window);
        if (recorded == null) {
            store.sending(erp(exchange), window.sensorId(), window.windowStart().toEpochMilli(), window.windowPart(),
                    window.readingIds());
        }
        return window;
    }

    /** Last step of each part: the ERP accepted it (or had already): acknowledges its readings. */
    public void close(Exchange exchange) {
        MeterWindow window = exchange.getProperty(WINDOW, MeterWindow.class);
        boolean booked = exchange.getProperty(BOOKED, false, Boolean.class);
        Set<String> acked = booked ? deliveries.acknowledge(exchange) : deliveries.acceptedIds(exchange);
        store.settled(erp(exchange), window.sensorId(), window.windowStart().toEpochMilli(), window.windowPart(),
                window.readingIds(), acked);
    }

    private static Set<String> ids(List<Reading> readings) {
        Set<String> ids = new HashSet<>();
        readings.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static String erp(Exchange exchange) {
        return exchange.getMessage().getHeader("iotErp", String.class);
    }
}
