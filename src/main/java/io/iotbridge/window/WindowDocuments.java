package io.iotbridge.window;

import io.iotbridge.counter.CounterDeltas;
import io.iotbridge.meter.MeterWindow;

/**
 * The document a closed window is sent as: its {@link MeterWindow} for a meter sensor, the
 * {@code CounterReport} of the parts its close counted for a counter sensor. Made again from the
 * stored window after a restart, so the same readings always give the same document and key.
 */
final class WindowDocuments {

    private final CounterDeltas counters;

    WindowDocuments(CounterDeltas counters) {
        this.counters = counters;
    }

    Object of(ClosedWindow window) {
        MeterWindow meter = MeterWindow.over(window.readings(), window.windowStart(), window.windowEnd());
        if (!"counter".equals(window.kind())) {
            return meter;
        }
        return counters.report(meter, window.quantity(), window.headers().get(CounterDeltas.PRODUCTION_ORDER),
                window.headers().get(CounterDeltas.ITEM_CODE), window.headers().get(CounterDeltas.SCRAP));
    }

    /** At the window's close, inside its state change: a counter window's parts, recorded; NaN for a meter window. */
    double count(ClosedWindow window) {
        if (!"counter".equals(window.kind())) {
            return Double.NaN;
        }
        return counters.quantity(MeterWindow.over(window.readings(), window.windowStart(), window.windowEnd()));
    }
}
