package io.iotbridge.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a catalogue entry into the Camel model only when {@link CatalogueCheck} finds nothing
 * wrong with it. It is the model's route filter, which Camel applies to every route definition
 * before adding it (at start and on every reload), so a refused entry is never created, never
 * started, and never retried by the supervising route controller as if its PLC were down.
 * Routes that are not sensor entries pass untouched.
 *
 * <p>A plain entry (the source Kamelet straight into the buffer sink) of a source that has a
 * shared consumer ({@link SensorSource}: OPC UA, MQTT) is data, not a route: the gate checks it,
 * completes it with the Kamelets' defaults, hands it to that consumer and keeps it out of the
 * model. Ten thousand entries then cost ten thousand monitored items or topic mappings, not
 * thirty thousand routes (bench/README.md).
 */
public final class CatalogueGate extends ModelLifecycleStrategySupport implements Function<RouteDefinition, Boolean> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueGate.class);
    private final CatalogueCheck check;
    private final UnaryOperator<String> resolve;
    private final RunningEntries running;
    /** Accepted entries by route id, with the definition that carries each. */
    private final Map<String, Accepted> accepted = new LinkedHashMap<>();
    /** Refusals by file, then in the order they happened. */
    private final Map<String, List<Refusal>> refusals = new LinkedHashMap<>();
    /** Per file, the refusals of its check before this one: the same refusal again is not logged again. */
    private final Map<String, java.util.Set<String>> refusedBefore = new java.util.HashMap<>();

    /** @param definition the route that carries the entry; null for an entry read as data */
    private record Accepted(CatalogueEntry entry, RouteDefinition definition) {
    }

    /**
     * @param resolve  resolves property placeholders in parameter values (kept as written when it cannot)
     * @param sources  the shared consumer of a source kind; empty for none (the offline check reads nothing)
     */
    public CatalogueGate(CatalogueCheck check, UnaryOperator<String> resolve, Function<String, Optional<SensorSource>> sources) {
        this.check = check;
        this.resolve = resolve;
        this.running = new RunningEntries(sources);
    }

    @Override
    public synchronized Boolean apply(RouteDefinition route) {
        Optional<SensorEntry> found;
        try {
            found = CatalogueEntries.read(route, resolve);
        } catch (IllegalArgumentException e) {
            refuse(new Refusal(CatalogueEntries.fileOf(route.getResource()), line(route), route.getId(), null,
                    List.of(e.getMessage())));
            return false;
        }
        if (found.isEmpty()) {
            return true;
        }
        CatalogueEntry entry = found.get().entry();
        List<String> problems = new ArrayList<>(check.problems(found.get(), accepted.values().stream().map(Accepted::entry).toList()));
        boolean data = found.get().plain() && running.reads(entry.source());
        if (problems.isEmpty() && data) {
            try {
                running.run(check.completed(found.get()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            // a reload's refused version of an entry read as data: the version before keeps reading
            Refusal refusal = new Refusal(entry.file(), line(route), entry.routeId(), entry.sensorId(), problems);
            Optional<SensorEntry> kept = running.keep(entry.routeId(), entry.file());
            kept.ifPresent(previous -> accepted.put(entry.routeId(), new Accepted(previous.entry(), null)));
            refuse(kept.isPresent() ? refusal.keepingLastGood() : refusal);
            return false;
        }
        accepted.put(entry.routeId(), new Accepted(entry, data ? null : route));
        LOG.debug("Catalogue entry accepted: {} in {}{}", entry.describe(), entry.file(), data ? ", read as data" : "");
        // an entry read as data never becomes a route
        return !data;
    }

    /**
     * Why the gate would refuse this route of a file about to be loaded again (the file's own
     * entries not counted); empty when it would not, or the route is no entry. A reload leaves
     * the running version of such a route in place ({@link #refuseReplacement}).
     */
    public synchronized Optional<Refusal> refusalOf(RouteDefinition route, String file) {
        Optional<SensorEntry> found;
        try {
            found = CatalogueEntries.read(route, resolve);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal(file, line(route), route.getId(), null, List.of(e.getMessage())));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<CatalogueEntry> others = accepted.values().stream().map(Accepted::entry).filter(e -> !e.file().equals(file)).toList();
        List<String> problems = check.problems(found.get(), others);
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(new Refusal(file, line(route), route.getId(), found.get().entry().sensorId(), problems));
    }

    /** Records the refusal of a route's new version while the reload leaves its version before running. */
    public synchronized void refuseReplacement(Refusal refusal) {
        refuse(refusal.keepingLastGood());
    }

    /**
     * A file is about to be loaded again: its entries read as data leave the catalogue (their
     * consumers keep reading until {@link #endFile}), so the file's new version is checked as
     * if they were gone.
     */
    public synchronized void beginFile(String file) {
        accepted.values().removeIf(a -> a.definition() == null && a.entry().file().equals(file));
        running.beginFile(file);
    }

    /** The file is loaded, gone or unreadable: its entries read as data that it no longer states stop. */
    public synchronized void endFile(String file) {
        running.endFile(file);
    }

    @Override
    public synchronized void onRemoveRouteDefinition(RouteDefinition definition) {
        // a reload replaces a definition after the gate accepted its successor: drop only this one
        if (definition != null && definition.getId() != null) {
            Accepted current = accepted.get(definition.getId());
            if (current != null && current.definition() == definition) {
                accepted.remove(definition.getId());
            }
        }
    }

    /** Records a file that could not be loaded at all (bad YAML or XML, too large, no route), with the parser's reason. */
    public synchronized void refuseFile(String file, Throwable cause) {
        refuse(Refusal.unreadable(file, "cannot be loaded: " + Refusal.rootMessage(cause)));
    }

    /**
     * Records that a changed file cannot be loaded while the version loaded before keeps running:
     * replaces the file's earlier refusal of that kind, keeps those of the running version's entries.
     */
    public synchronized void refuseChange(String file, Throwable cause) {
        List<Refusal> current = refusals.getOrDefault(file, new ArrayList<>());
        current.stream().filter(r -> r.routeId() == null)
                .forEach(r -> refusedBefore.computeIfAbsent(file, f -> new java.util.HashSet<>()).add(r.message()));
        current.removeIf(r -> r.routeId() == null);
        refuse(Refusal.unreadable(file, "cannot be loaded: " + Refusal.rootMessage(cause)).keepingLastGood());
    }

    /** Forgets the refusals of a file before it is loaded again. */
    public synchronized void forgetRefusals(String file) {
        java.util.Set<String> before = new java.util.HashSet<>();
        refusals.getOrDefault(file, List.of()).forEach(r -> before.add(r.message()));
        refusedBefore.put(file, before);
        refusals.remove(file);
    }

    /** The entries that passed, ordered by file and route id. */
    public synchronized List<CatalogueEntry> entries() {
        return accepted.values().stream().map(Accepted::entry)
                .sorted(Comparator.comparing(CatalogueEntry::file).thenComparing(CatalogueEntry::routeId)).toList();
    }

    /** The accepted entry of a sensor, as the HTTP ingest looks a posted reading's sensor up. */
    public synchronized Optional<CatalogueEntry> entry(String sensorId) {
        return accepted.values().stream().map(Accepted::entry)
                .filter(e -> e.sensorId() != null && e.sensorId().equals(sensorId)).findFirst();
    }

    public synchronized List<Refusal> refusals() {
        List<Refusal> all = new ArrayList<>();
        refusals.values().forEach(all::addAll);
        return all;
    }

    /** Where the route starts in its file, when the DSL says (YAML and XML do). */
    private static Integer line(RouteDefinition route) {
        return route.getLineNumber() > 0 ? route.getLineNumber() : null;
    }

    private void refuse(Refusal refusal) {
        List<Refusal> current = refusals.computeIfAbsent(refusal.file(), f -> new ArrayList<>());
        // one line per change: a file checked again (one edit can bring several file events) that is
        // refused for the same reason says nothing new
        boolean known = refusedBefore.getOrDefault(refusal.file(), java.util.Set.of()).contains(refusal.message())
                || current.stream().anyMatch(r -> r.message().equals(refusal.message()));
        current.add(refusal);
        if (!known) {
            LOG.error("Catalogue check: {}", refusal.message());
        }
    }
}
