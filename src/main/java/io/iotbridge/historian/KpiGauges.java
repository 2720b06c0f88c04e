package io.iotbridge.historian;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The KPIs as Prometheus gauges, labelled machine and shift: each holds the figure of the latest
 * shift of that name that has begun (so the early shift's OEE so far while it runs, then the whole
 * shift's until the next early shift). Refreshed from historian.oee_by_shift every
 * bridge.historian.kpi-refresh; a figure that cannot be known (no run-state sensor, no parts) is NaN.
 * Machines and shift names bound the series; no shift instance becomes a label.
 *
 * <p>The first refresh reads the last {@link #LOOK_BACK}; each later one only the shifts still running
 * at the one before and those begun since: the view reads every run-state and counter reading of
 * the shifts it is asked for, so eight days of 1 Hz sensors on every refresh would take minutes. A
 * reading stored after its shift's last refresh does not change that shift's gauges (the view and
 * the API have it).
 */
public final class KpiGauges {

    /** Gauge name (Micrometer's dotted form; Prometheus: iotbridge_oee...) -> the view's column. */
    static final Map<String, String> FIGURES = Map.of(
            "iotbridge.oee", "oee",
            "iotbridge.oee.availability", "availability",
            "iotbridge.oee.performance", "performance",
            "iotbridge.oee.quality", "quality",
            "iotbridge.oee.mttr.seconds", "mttrSeconds",
            "iotbridge.oee.mtbf.seconds", "mtbfSeconds");
    /** How far back a shift name's latest shift is looked for: a week-end leaves the week's shifts a few days old. */
    static final Duration LOOK_BACK = Duration.ofDays(8);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KpiGauges.class);

    private final KpiQueries queries;
    private final Supplier<MeterRegistry> registry;
    private final String camelContext;
    /** By gauge name, machine and shift: the value the gauge reads. */
    private final Map<List<String>, Double> values = new ConcurrentHashMap<>();
    /** Where the next refresh starts: the earliest start of a shift running at the last one; null before the first. */
    private volatile Instant next;

    public KpiGauges(KpiQueries queries, Supplier<MeterRegistry> registry, String camelContext) {
        this.queries = queries;
        this.registry = registry;
        this.camelContext = camelContext;
    }

    /**
     * Reads the latest shift of each machine and shift name; answers how many gauges it set. While
     * PostgreSQL is away the gauges keep their last figures until the next refresh.
     */
    public int refresh() {
        return refreshAsAt(Instant.now());
    }

    /** As {@link #refresh()}, as at {@code now}; a name of its own, so the route's bean call never binds to it. */
    public int refreshAsAt(Instant now) {
        List<Map<String, Object>> rows;
        // a clock set back (or a refresh as at an earlier time) reads the whole look-back again
        Instant from = next == null || next.isAfter(now) ? now.minus(LOOK_BACK) : next;
        try {
            rows = queries.select(null, from, now);
        } catch (SQLException e) {
            LOG.warn("KPI gauges not refreshed (PostgreSQL: {}); they keep their last figures", e.getMessage());
            return 0;
        }
        Map<List<String>, Map<String, Object>> latest = new ConcurrentHashMap<>();
        Instant running = now;
        // oldest first: a later shift of the same name replaces an earlier one
        for (Map<String, Object> row : rows) {
            latest.put(List.of((String) row.get("machineId"), (String) row.get("shift")), row);
            if (Instant.parse((String) row.get("shiftEnd")).isAfter(now)) {
                Instant start = Instant.parse((String) row.get("shiftStart"));
                running = start.isBefore(running) ? start : running;
            }
        }
        next = running;
        MeterRegistry meters = registry.get();
        latest.forEach((machineShift, row) -> FIGURES.forEach((gauge, column) -> {
            List<String> key = List.of(gauge, machineShift.get(0), machineShift.get(1));
            Object figure = row.get(column);
            boolean known = values.containsKey(key);
            values.put(key, figure instanceof Number n ? n.doubleValue() : Double.NaN);
            if (!known && meters != null) {
                Gauge.builder(gauge, values, v -> v.getOrDefault(key, Double.NaN))
                        .tags("camelContext", camelContext, "machine", machineShift.get(0), "shift", machineShift.get(1))
                        .register(meters);
            }
        }));
        return latest.size() * FIGURES.size();
    }
}
