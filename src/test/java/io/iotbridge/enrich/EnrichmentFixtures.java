package io.iotbridge.enrich;

import io.iotbridge.DocumentFixtures;
import io.iotbridge.counter.CounterReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** What the work-order lookup tests share: a clock to move, documents without an order, exchanges. */
public final class EnrichmentFixtures {

    /** The repository's default plan, in UTC. */
    public static final ShiftCalendar SHIFTS = ShiftCalendar.load(Path.of("config/shifts.properties"), ZoneOffset.UTC);

    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    private EnrichmentFixtures() {
    }

    /** A counter window on {@code machineId} whose catalogue entry names neither order nor item. */
    public static CounterReport counterWithoutOrder(String sensorId, String machineId, int window) {
        Instant start = DocumentFixtures.WINDOW_START.plus(Duration.ofMinutes(window));
        long ms = start.toEpochMilli();
        return new CounterReport(CounterReport.key(sensorId, start), sensorId, machineId, "1", null, null, false,
                start, start.plusSeconds(60), 100 + window, 5, List.of(sensorId + ":" + (ms + 500) + ":0"));
    }

    /** The exchange the ERP sink's enrichment step sees: the document as body, the catalogue's headers. */
    public static Exchange exchange(Object document) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setBody(document);
        return exchange;
    }

    public static Enrichment enrichmentOf(Exchange exchange) {
        return exchange.getProperty(DocumentEnricher.PROPERTY, Enrichment.class);
    }

    /** A clock the test moves by hand, to expire cached orders. */
    public static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-24T10:00:00Z");

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
