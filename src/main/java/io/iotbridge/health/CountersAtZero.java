package io.iotbridge.health;

import io.iotbridge.reading.ReadingRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * Registers every {@code iotbridge_*} counter series the bridge can count at 0 when it starts:
 * Micrometer makes a series on its first increment, and an alert such as
 * {@code increase(iotbridge_readings_rejected_total[5m]) > 0} sees no data, not 0, until then.
 * The tag keys are those the routes' {@code micrometer:counter:} steps use (camelContext and the
 * label), since Prometheus takes one set of keys per name.
 */
public final class CountersAtZero {

    public static final List<String> SOURCES = List.of("opcua", "mqtt", "http");
    public static final List<String> KINDS = List.of("meter", "counter", "alert");
    public static final List<String> FAILURE_CLASSES = List.of("transient", "permanent");

    private CountersAtZero() {
    }

    /** @param erps the enabled ERP modules */
    public static void register(CamelContext context, MeterRegistry registry, List<String> erps) {
        String name = context.getName();
        SOURCES.forEach(source -> registry.counter("iotbridge.readings.received", "camelContext", name, "source", source));
        ReadingRejectedException.REASONS.forEach(reason ->
                registry.counter("iotbridge.readings.rejected", "camelContext", name, "reason", reason));
        for (String erp : erps) {
            KINDS.forEach(kind -> registry.counter("iotbridge.erp.documents.delivered", "camelContext", name, "erp", erp, "kind", kind));
            FAILURE_CLASSES.forEach(c -> registry.counter("iotbridge.erp.delivery.failures", "camelContext", name, "class", c, "erp", erp));
        }
    }
}
