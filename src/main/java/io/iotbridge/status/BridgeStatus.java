package io.iotbridge.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.iotbridge.catalogue.CatalogueGate;
import io.iotbridge.catalogue.Refusal;
import io.iotbridge.health.StageProgress;
import io.iotbridge.status.ConnectorStates.Connector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * GET /api/v1/status: everything the status page shows besides the sensor table, in a few
 * kilobytes however large the catalogue: the overall state and why, every connector with its
 * state and reason, the totals the page turns into rates, per ERP its documents, queue, lag and
 * dead letters, readings refused by reason and the refused catalogue entries. Taken from what the
 * bridge already keeps (health checks, Micrometer counters, the catalogue, the broker's queue
 * counts), so it reads the same with real ERPs as with the sandboxes.
 */
public class BridgeStatus {

    /** Refused catalogue entries listed in full; the count says how many more there are. */
    static final int MAX_REFUSALS = 100;

    public enum Overall {
        /** everything runs */
        UP,
        /** readings flow, but something needs attention (refused entries, dead letters, silent or refused sensors) */
        DEGRADED,
        /** a connector or a stage is down: readings do not reach an ERP */
        DOWN
    }

    public record State(Overall state, List<String> reasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Erp(String name, String state, String reason, String breaker, Map<String, Double> delivered,
                      Instant lastAccepted, long waiting, double oldestWaitingSeconds, Long queued, Long deadLetters,
                      Map<String, Long> deadLetterReasons, Map<String, Double> failures) {
    }

    /** @param lastGoodVersionRunning of the refusals, the edits whose version before keeps running */
    public record Catalogue(int entries, int refusedCount, long lastGoodVersionRunning, List<Refusal> refused) {
    }

    public record Status(Instant at, Instant started, int managementPort, boolean sandbox, State overall,
                         List<Connector> connectors, List<Connector> stages, Map<String, Double> received,
                         Map<String, Double> refused, List<Erp> erps, Map<SensorStatuses.State, Long> sensors,
                         Catalogue catalogue) {
    }

    /** What the status is made of, found in the registry when asked (the beans come from several configurations). */
    public interface Parts {
        List<String> modules();

        CatalogueGate catalogue();

        MeterRegistry metrics();

        StageProgress stage(String erp);

        SensorActivity activity();
    }

    private final Parts parts;
    private final ConnectorStates connectors;
    private final BrokerFigures broker;
    private final SensorStatuses sensors;
    private final String brokerName;
    private final int managementPort;
    private final boolean sandbox;
    private final Clock clock;

    BridgeStatus(Parts parts, ConnectorStates connectors, BrokerFigures broker,
                 SensorStatuses sensors, String brokerName, int managementPort, boolean sandbox, Clock clock) {
        this.parts = parts;
        this.connectors = connectors;
        this.broker = broker;
        this.sensors = sensors;
        this.brokerName = brokerName;
        this.managementPort = managementPort;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    public Status status() {
        List<String> modules = parts.modules();
        SensorActivity activity = parts.activity();
        BrokerFigures.Figures figures = broker.now();
        List<Connector> sources = connectors.of("opcua", "mqtt");
        List<Connector> erpChecks = connectors.of("erp");
        List<Connector> all = new ArrayList<>(sources);
        all.add(new Connector("rabbitmq", brokerName, figures.error() == null ? "UP" : "DOWN", figures.error(), null));
        all.addAll(erpChecks);
        List<Connector> stages = connectors.of("stage");

        MeterRegistry metrics = parts.metrics();
        List<Erp> erps = new ArrayList<>();
        for (String erp : modules) {
            Connector check = erpChecks.stream().filter(c -> c.name().equals(erp)).findFirst().orElse(null);
            StageProgress stage = parts.stage(erp);
            erps.add(new Erp(erp, check == null ? "UNKNOWN" : check.state(), check == null ? null : check.reason(),
                    check == null ? null : check.breaker(),
                    counts(metrics, "iotbridge.erp.documents.delivered", "kind", c -> erp.equals(c.getId().getTag("erp"))),
                    activity.lastAccepted(erp), stage.backlog(), stage.oldest().toMillis() / 1000.0,
                    figure(figures.queued(), erp), figure(figures.deadLetters(), erp), activity.deadLetterReasons(erp),
                    counts(metrics, "iotbridge.erp.delivery.failures", "class", c -> erp.equals(c.getId().getTag("erp")))));
        }

        CatalogueGate gate = parts.catalogue();
        List<Refusal> refusals = gate == null ? List.of() : gate.refusals();
        Catalogue catalogue = new Catalogue(gate == null ? 0 : gate.entries().size(), refusals.size(),
                refusals.stream().filter(Refusal::lastGoodVersionRuns).count(), refusals.stream().limit(MAX_REFUSALS).toList());
        Map<SensorStatuses.State, Long> sensorStates = sensors.counts();
        Map<String, Double> refused = counts(metrics, "iotbridge.readings.rejected", "reason", c -> true);
        return new Status(clock.instant(), activity.started(), managementPort, sandbox,
                overall(all, stages, erps, catalogue, sensorStates), all, stages,
                counts(metrics, "iotbridge.readings.received", "source", c -> true), refused, erps, sensorStates, catalogue);
    }

    private static State overall(List<Connector> connectors, List<Connector> stages, List<Erp> erps, Catalogue catalogue,
                                 Map<SensorStatuses.State, Long> sensors) {
        List<String> down = new ArrayList<>();
        connectors.stream().filter(Connector::down).forEach(c -> down.add(c.kind() + " " + c.name() + " is " + c.state()
                + (c.reason() == null ? "" : ": " + c.reason())));
        stages.stream().filter(Connector::down).forEach(c -> down.add("stage " + c.name() + ": " + c.reason()));
        if (!down.isEmpty()) {
            return new State(Overall.DOWN, down);
        }
        List<String> attention = new ArrayList<>();
        if (catalogue.refusedCount() > 0) {
            attention.add(count(catalogue.refusedCount(), "catalogue entry or file", "catalogue entries or files") + " refused"
                    + (catalogue.lastGoodVersionRunning() == 0 ? ""
                    : " (" + catalogue.lastGoodVersionRunning() + " with the version loaded before still running)"));
        }
        erps.stream().filter(e -> e.deadLetters() != null && e.deadLetters() > 0)
                .forEach(e -> attention.add(count(e.deadLetters(), "dead letter", "dead letters") + " for " + e.name()));
        long silent = sensors.getOrDefault(SensorStatuses.State.SILENT, 0L);
        long refusedSensors = sensors.getOrDefault(SensorStatuses.State.REFUSED, 0L)
                + sensors.getOrDefault(SensorStatuses.State.DEAD_LETTERED, 0L);
        if (silent > 0) {
            attention.add(count(silent, "sensor", "sensors") + " silent");
        }
        if (refusedSensors > 0) {
            attention.add(count(refusedSensors, "sensor whose readings are", "sensors whose readings are") + " refused");
        }
        return new State(attention.isEmpty() ? Overall.UP : Overall.DEGRADED, attention);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A counter's values summed by one tag, for the counters {@code filter} lets through. */
    private static Map<String, Double> counts(MeterRegistry metrics, String name, String tag,
                                              Predicate<Counter> filter) {
        Map<String, Double> out = new TreeMap<>();
        if (metrics != null) {
            for (Counter c : metrics.find(name).counters()) {
                String key = c.getId().getTag(tag);
                if (key != null && filter.test(c)) {
                    out.merge(key, c.count(), Double::sum);
                }
            }
        }
        return out;
    }

    private static Long figure(Map<String, Long> counts, String erp) {
        Long n = counts.get(erp);
        return n == null || n < 0 ? null : n;
    }
}
