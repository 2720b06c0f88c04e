package io.iotbridge;

import io.iotbridge.alert.AlertDirection;
import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import java.time.Instant;
import java.util.List;

/** A fixed counter report and alert, the inputs of every module's golden files. */
public final class DocumentFixtures {

    public static final Instant WINDOW_START = Instant.parse("2026-11-24T10:15:00Z");

    private DocumentFixtures() {
    }

    public static CounterReport counter(String sensorId, String productionOrder, boolean scrap) {
        long ms = WINDOW_START.toEpochMilli();
        return new CounterReport(CounterReport.key(sensorId, WINDOW_START), sensorId, "PRESS-07", "1",
                productionOrder, "FG-100", scrap, WINDOW_START, WINDOW_START.plusSeconds(60), 18_342, 12,
                List.of(sensorId + ":" + (ms + 500) + ":0", sensorId + ":" + (ms + 30_500) + ":0"));
    }

    public static AlertEvent alert(String sensorId) {
        Instant ts = WINDOW_START.plusMillis(2_250);
        String readingId = sensorId + ":" + ts.toEpochMilli() + ":0";
        return new AlertEvent("alert:" + readingId, sensorId, "PRESS-07", 81.25, "Cel", 79, AlertDirection.ABOVE, ts,
                List.of(readingId));
    }

    /** What the enrichment adds to the fixtures' documents: machine PRESS-07, early shift, order 4711. */
    public static Enrichment enrichment() {
        return enrichment("4711");
    }

    /** The same on another work order, e.g. a counter report's own production order. */
    public static Enrichment enrichment(String workOrder) {
        return new Enrichment("PRESS-07", "early", workOrder);
    }
}
