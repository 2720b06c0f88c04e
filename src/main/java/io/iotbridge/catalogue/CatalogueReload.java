package io.iotbridge.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Camel's route watcher does with a changed route file: replace that file's routes, and
 * only those. Camel's own handler (with routes-reload-remove-all-routes=false) updates routes by
 * id, so a route deleted from a file, or a whole deleted file, would keep running, and an entry
 * the catalogue now refuses would keep its old version; this one first removes every route the
 * file had, then loads what the file says now through the same gate as at start. A file that no
 * longer reads as routes at all changes nothing: its last good version keeps running, refused
 * visibly ({@link RouteFileSyntax}, {@link CatalogueHealthCheck}).
 */
public final class CatalogueReload implements ResourceReload {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueReload.class);

    private final CamelContext context;
    private final CatalogueGate gate;
    private final KameletRouteInstances instances = new KameletRouteInstances();

    public CatalogueReload(CamelContext context, CatalogueGate gate) {
        this.context = context;
        this.gate = gate;
        context.addLifecycleStrategy(instances);
    }

    @Override
    public void onReload(String name, Resource resource) {
        String file = CatalogueEntries.fileOf(resource);
        Path path = Path.of(resource.getURI());
        List<RouteDefinition> statedRoutes = List.of();
        if (Files.exists(path)) {
            try {
                awaitWritten(path);
                statedRoutes = RouteFileSyntax.require(context, resource);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // nothing of the version running is touched: its sensors keep reading
                gate.refuseChange(file, e);
                return;
            }
        }
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        gate.forgetRefusals(file);
        gate.beginFile(file);
        try {
            List<RouteDefinition> all = model.getRouteDefinitions().stream()
                    .filter(d -> d.getResource() != null && file.equals(CatalogueEntries.fileOf(d.getResource())))
                    .toList();
            Map<String, Refusal> kept = refusedReplacements(all, statedRoutes, file);
            List<RouteDefinition> previous = all.stream().filter(d -> !kept.containsKey(d.getId())).toList();
            List<String> ids = new java.util.ArrayList<>(ids(previous));
            // a module file instantiates the erp-consumer and erp-documents templates; Camel gives
            // the routes it creates the template's resource, so they are found by their ids
            erpRoutesOf(file).stream().filter(id -> model.getRouteDefinition(id) != null && !ids.contains(id))
                    .forEach(id -> {
                        ids.add(id);
                        try {
                            remove(model, List.of(id));
                        } catch (Exception e) {
                            throw new IllegalStateException("cannot remove route " + id + ": " + e.getMessage(), e);
                        }
                    });
            List<String> sources = new ArrayList<>(sourceKameletRoutes(ids));
            sources.addAll(orphanedSourceRoutes());
            model.removeRouteDefinitions(previous);
            remove(model, sources);
            instances.stopLeftovers(sources);
            if (!Files.exists(path)) {
                LOG.info("Route file {} removed: stopped and removed its routes {}", file, ids);
                return;
            }
            kept.values().forEach(gate::refuseReplacement);
            Set<String> loaded = update(resource, kept.keySet());
            LOG.info("Route file {} reloaded: routes {} (before: {})", file, loaded, ids);
        } catch (Exception e) {
            // a file that parses but cannot be built into routes runs nothing; every other file keeps running
            gate.refuseFile(file, e);
        } finally {
            gate.endFile(file);
        }
    }

    /**
     * The running routes of the file whose new version the gate refuses, with why: entries that
     * are routes (an HTTP device, an entry with steps of its own), which keep their version before.
     * Entries read as data keep theirs in the gate ({@link RunningEntries#keep}).
     */
    private Map<String, Refusal> refusedReplacements(List<RouteDefinition> running, List<RouteDefinition> stated, String file) {
        Set<String> runningIds = new HashSet<>(ids(running));
        Map<String, Refusal> refused = new HashMap<>();
        for (RouteDefinition route : stated) {
            if (runningIds.contains(route.getId())) {
                gate.refusalOf(route, file).ifPresent(r -> refused.put(route.getId(), r));
            }
        }
        return refused;
    }

    /**
     * What Camel's {@code RoutesLoader.updateRoutes} does, but leaving out the routes to keep:
     * Camel stops and removes the running route of every id a file states before the model's
     * route filter (the gate) sees the new version, so a refused new version would stop the old.
     */
    private Set<String> update(Resource resource, Set<String> keep) throws Exception {
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource));
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(context);
            }
        }
        Set<String> loaded = new LinkedHashSet<>();
        for (RoutesBuilder builder : builders) {
            if (!keep.isEmpty() && builder instanceof RouteBuilder routes) {
                routes.configureRoutes(context).getRoutes().removeIf(d -> keep.contains(d.getId()));
            }
            loaded.addAll(builder.updateRoutesToCamelContext(context));
        }
        return loaded;
    }

    /**
     * The routes a module file under erp/ creates: {@code erp/<erp>.camel.yaml} → {@code erp-<erp>}
     * (its consumer) and {@code erp-<erp>-documents} (its outbox documents).
     */
    private static List<String> erpRoutesOf(String file) {
        Path path = Path.of(file);
        String name = path.getFileName().toString();
        if (path.getParent() == null || !"erp".equals(path.getParent().getFileName().toString())
                || !name.endsWith(".camel.yaml")) {
            return List.of();
        }
        String erp = name.substring(0, name.length() - ".camel.yaml".length());
        return List.of("erp-" + erp, "erp-" + erp + "-documents");
    }

    /**
     * Editors and scripts write a file in several steps, and the first change event often comes
     * while it is still empty: wait until its size and time stop changing (at most 3 s).
     */
    private static void awaitWritten(Path path) throws java.io.IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        String before = "";
        while (System.nanoTime() < deadline) {
            String now = Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
            if (now.equals(before) && Files.size(path) > 0) {
                return;
            }
            before = now;
            Thread.sleep(250);
        }
    }

    /**
     * The source Kamelet routes of these routes. Camel removes a route without the route its
     * source Kamelet created for it; left running, that one would keep its OPC UA monitored item
     * or MQTT subscription and block the next version of the entry.
     */
    private List<String> sourceKameletRoutes(List<String> parents) {
        List<String> sources = new ArrayList<>();
        for (String parent : parents) {
            Route route = context.getRoute(parent);
            if (route != null && route.getEndpoint() instanceof KameletEndpoint source && source.getRouteId() != null) {
                sources.add(source.getRouteId());
            }
        }
        return sources;
    }

    /**
     * Source Kamelet routes no route reads from any more (a reload racing a half-written file can
     * leave one): each would otherwise hold its subscription for good.
     */
    private List<String> orphanedSourceRoutes() {
        Set<String> inUse = new HashSet<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof KameletEndpoint k && !route.isCreatedByKamelet()) {
                inUse.add(k.getRouteId());
            }
        }
        List<String> orphans = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            boolean source = route.isCreatedByKamelet() && !(route.getEndpoint() instanceof KameletEndpoint);
            if (source && !inUse.contains(route.getRouteId())) {
                orphans.add(route.getRouteId());
            }
        }
        return orphans;
    }

    private void remove(Model model, List<String> routeIds) throws Exception {
        for (String id : routeIds) {
            RouteDefinition definition = model.getRouteDefinition(id);
            if (definition != null) {
                model.removeRouteDefinition(definition);
            } else if (context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            }
        }
    }

    private static List<String> ids(List<RouteDefinition> routes) {
        return routes.stream().map(RouteDefinition::getId).toList();
    }
}
