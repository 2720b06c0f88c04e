package io.iotbridge.counter;

import io.iotbridge.meter.MeterWindow;
import java.util.NavigableMap;

/**
 * Turns a counter sensor's window (the meter windows' aggregate: last, min, ids) into the parts
 * produced since the previous window: last value in this window − last value of the sensor's
 * previous window (a drop means the counter was reset, and counts from 0; the sensor's very first
 * window counts from its smallest value).
 *
 * <p>Why this never double-counts: a window's count is recorded in the {@link CounterStore}
 * when the window closes, in the state change that queues its document, keyed by the window's start. A replayed window (redelivery after a
 * crash, a late reading) finds its record and reports the very same quantity under the very same
 * key, which the ERP module treats as already booked. A window older than the newest recorded one
 * that was never recorded itself reports nothing: the newer window's delta, taken from the last
 * recorded value before it, already holds its parts. Windows whose documents are delayed by
 * retries may so overtake each other without a part counted twice or lost.
 */
public class CounterDeltas {

    public static final String PRODUCTION_ORDER = "iotProductionOrder";
    public static final String ITEM_CODE = "iotItemCode";
    public static final String SCRAP = "iotScrap";

    private final CounterStore store;

    public CounterDeltas(CounterStore store) {
        this.store = store;
    }

    /**
     * The window's report, or {@code null} when it has no parts to report (then it carries no
     * document). Production order and item may be unset here; the ERP sink's enrichment fills them.
     */
    public CounterReport report(MeterWindow window, String productionOrder, String itemCode, String scrap) {
        return report(window, quantity(window), productionOrder, itemCode, scrap);
    }

    /** As {@link #report(MeterWindow, String, String, String)}, with the quantity the window's close recorded. */
    public CounterReport report(MeterWindow window, double quantity, String productionOrder, String itemCode,
                                String scrap) {
        if (!(quantity > 0)) {
            return null;
        }
        return new CounterReport(CounterReport.key(window.sensorId(), window.windowStart()), window.sensorId(),
                window.machineId(), window.unit(), blankToNull(productionOrder), blankToNull(itemCode),
                Boolean.parseBoolean(scrap == null ? "false" : scrap.strip()), window.windowStart(), window.windowEnd(),
                window.last(), quantity, window.readingIds());
    }

    /** Blank catalogue parameters are unset: the ERP module's enrichment looks the order up. */
    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The window's parts; 0 when it has none (or they are counted elsewhere). Records the window's
     * count in the store: the caller makes it durable before the document goes out (the windows'
     * close does so in the same state change that queues the document).
     */
    public double quantity(MeterWindow window) {
        if (!Double.isFinite(window.last())) {
            return 0; // only BAD readings: the next window's delta takes the parts
        }
        String sensor = window.sensorId();
        long start = window.windowStart().toEpochMilli();
        synchronized (store) {
            NavigableMap<Long, WindowCount> windows = store.windows(sensor);
            WindowCount known = windows.get(start);
            if (known != null) {
                return known.quantity();
            }
            if (!windows.isEmpty() && windows.lastKey() > start) {
                return 0;
            }
            double baseline = windows.isEmpty() ? window.min() : windows.lastEntry().getValue().last();
            double quantity = window.last() >= baseline ? window.last() - baseline : window.last();
            store.record(sensor, start, new WindowCount(window.last(), quantity));
            return quantity;
        }
    }
}
