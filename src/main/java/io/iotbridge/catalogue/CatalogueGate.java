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
 */
public final class CatalogueGate extends ModelLifecycleStrategySupport implements Function<RouteDefinition, Boolean> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueGate.class);

    private final CatalogueCheck check;
    private final UnaryOperator<String> resolve;
    /** Accepted entries by route id, with the definition that carries each. */
    private final Map<String, Accepted> accepted = new LinkedHashMap<>();
    /** Refusals by file, then in the order they happened. */
    private final Map<String, List<Refusal>> refusals = new LinkedHashMap<>();

    private record Accepted(CatalogueEntry entry, RouteDefinition definition) {
    }

    /** @param resolve resolves property placeholders in parameter values (kept as written when it cannot) */
    public CatalogueGate(CatalogueCheck check, UnaryOperator<String> resolve) {
        this.check = check;
        this.resolve = resolve;
    }

    @Override
    public synchronized Boolean apply(RouteDefinition route) {
        Optional<CatalogueEntry> found;
        try {
            found = CatalogueEntries.fromRoute(route, resolve);
        } catch (IllegalArgumentException e) {
            refuse(new Refusal(CatalogueEntries.fileOf(route.getResource()), route.getId(), null, List.of(e.getMessage())));
            return false;
        }
        if (found.isEmpty()) {
            return true;
        }
        CatalogueEntry entry = found.get();
        List<String> problems = check.problems(entry, accepted.values().stream().map(Accepted::entry).toList());
        if (!problems.isEmpty()) {
            refuse(new Refusal(entry.file(), entry.routeId(), entry.sensorId(), problems));
            return false;
        }
        accepted.put(entry.routeId(), new Accepted(entry, route));
        LOG.debug("Catalogue entry accepted: {} in {}", entry.describe(), entry.file());
        return true;
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

    /** Records a file that could not be loaded at all (bad YAML or XML). */
    public synchronized void refuseFile(String file, String reason) {
        refuse(Refusal.unreadable(file, reason));
    }

    /** Forgets the refusals of a file before it is loaded again. */
    public synchronized void forgetRefusals(String file) {
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

    private void refuse(Refusal refusal) {
        refusals.computeIfAbsent(refusal.file(), f -> new ArrayList<>()).add(refusal);
        LOG.error("Catalogue check: {}", refusal.message());
    }
}
