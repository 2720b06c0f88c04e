package io.iotbridge.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts a reading of an entry read as data as received ({@code iotbridge_readings_received_total},
 * tag {@code source} from the header {@code iotSource}, which it then removes), on the series the
 * routes' {@code micrometer:counter:} steps use. A processor rather than that step on the hot path:
 * the micrometer producer clears its headers by pattern, and Camel compiles a regular expression
 * per header for that, which with removing {@code iotSource} by pattern took a tenth of the bridge's
 * CPU at 2,000 readings/s (bench/README.md, "Profiling").
 */
public final class ReceivedReadings implements Processor {

    static final String SOURCE = "iotSource";

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Override
    public void process(Exchange exchange) {
        String source = (String) exchange.getMessage().removeHeader(SOURCE);
        counters.computeIfAbsent(source == null ? "unknown" : source, s -> registry(exchange)
                .counter("iotbridge.readings.received", "camelContext", exchange.getContext().getName(), "source", s))
                .increment();
    }

    private MeterRegistry registry(Exchange exchange) {
        MeterRegistry r = registry;
        if (r == null) {
            r = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (r == null) {
                throw new IllegalStateException("no MeterRegistry in the registry (camel.metrics.enabled=false?)");
            }
            registry = r;
        }
        return r;
    }
}
