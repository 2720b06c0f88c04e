package io.iotbridge.catalogue;

import io.iotbridge.erp.ErpModule;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * Puts the catalogue gate in front of the Camel model before any route file is loaded, has
 * Camel Main load the plant's route files one by one at start (a file that cannot be loaded is
 * refused, the others load), and gives Camel's route watcher (camel.main.routes-reload-*) the
 * per-file reload. The gate is bound as bean {@code catalogue} for GET /api/v1/sensors; the health
 * check {@code catalogue} is DOWN while something is refused.
 */
public final class CatalogueWiring extends MainListenerSupport {

    public static final String BEAN = "catalogue";

    private CatalogueGate gate;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        gate = install(context);
        main.setRoutesCollector(new CatalogueRoutesCollector(gate));
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            watcher.setResourceReload(new CatalogueReload(context, gate));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new CatalogueHealthCheck(gate));
        }
    }

    /**
     * The gate on the running bridge's model: entries of sources with a shared consumer
     * ({@link SensorSource} beans) are read as data, and Kamelets come from camel.component.kamelet.location.
     */
    public static CatalogueGate install(CamelContext context) {
        return install(context, () -> kameletFolder(context),
                source -> context.getRegistry().findByType(SensorSource.class).stream()
                        .filter(s -> s.source().equals(source)).findFirst());
    }

    /** The gate on a context's model, with the Kamelets of a folder and these shared consumers; the offline check uses none. */
    public static CatalogueGate install(CamelContext context, Supplier<Path> kamelets,
                                        Function<String, Optional<SensorSource>> sources) {
        // looked up at each check: every module's configuration binds its ErpModule before routes load
        UnaryOperator<String> resolve = text -> resolve(context, text);
        CatalogueCheck check = new CatalogueCheck(() -> context.getRegistry().findByType(ErpModule.class),
                new KameletParameters.Folder(kamelets, resolve));
        CatalogueGate gate = new CatalogueGate(check, resolve, sources);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.setRouteFilter(gate);
        model.addModelLifecycleStrategy(gate);
        context.getRegistry().bind(BEAN, gate);
        return gate;
    }

    private static Path kameletFolder(CamelContext context) {
        String location = context.resolvePropertyPlaceholders("{{camel.component.kamelet.location}}");
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    private static String resolve(CamelContext context, String text) {
        if (!text.contains("{{")) {
            return text;
        }
        try {
            return context.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            return text;
        }
    }
}
