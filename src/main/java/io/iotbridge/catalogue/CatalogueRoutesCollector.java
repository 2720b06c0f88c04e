package io.iotbridge.catalogue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Camel Main's route collector (camel.main.routes-include-pattern), with the plant's route files
 * loaded one by one at start as a live reload loads them: a file that cannot be loaded (broken
 * YAML or XML, a YAML document over SnakeYAML's 3 MiB, something that is no route) is refused
 * through the gate with the parser's reason, and every other file loads. The plant's files are
 * those under bridge.routes.dir; the bridge's own (classpath:camel/, in its jar) load as Camel
 * loads them: one of them broken stops the start.
 */
final class CatalogueRoutesCollector extends DefaultRoutesCollector {

    private final CatalogueGate gate;

    CatalogueRoutesCollector(CatalogueGate gate) {
        this.gate = gate;
    }

    /**
     * The bridge's own route files only. Camel pre-parses what this finds before it loads any
     * route (RoutesConfigurer.configureModeline) and stops at the first file that does not parse;
     * a plant file is pre-parsed when it is loaded, in {@link #doCollectRoutesFromDirectory}.
     */
    @Override
    public Collection<Resource> findRouteResourcesFromDirectory(CamelContext context, String excludePattern, String includePattern) {
        Path folder = routesFolder(context);
        return super.findRouteResourcesFromDirectory(context, excludePattern, includePattern).stream()
                .filter(r -> !plants(folder, r)).toList();
    }

    @Override
    protected void doCollectRoutesFromDirectory(CamelContext context, List<RoutesBuilder> builders, String excludePattern,
                                                String includePattern, boolean optional) {
        super.doCollectRoutesFromDirectory(context, builders, excludePattern, includePattern, optional);
        Path folder = routesFolder(context);
        for (Resource resource : super.findRouteResourcesFromDirectory(context, excludePattern, includePattern)) {
            if (!plants(folder, resource)) {
                continue;
            }
            String file = CatalogueEntries.fileOf(resource);
            try {
                XmlRouteFile.requireDocument(resource);
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource), optional)) {
                    builders.add(refusedWhenItFails(builder, file));
                }
            } catch (Exception e) {
                gate.refuseFile(file, e);
            }
        }
    }

    private static Path routesFolder(CamelContext context) {
        return Path.of(context.resolvePropertyPlaceholders("{{bridge.routes.dir}}")).toAbsolutePath().normalize();
    }

    /** A route file of the plant: one under bridge.routes.dir (the bridge's own are file:...jar!/camel/... or in target/classes). */
    private static boolean plants(Path folder, Resource resource) {
        String location = resource.getLocation();
        return location.startsWith("file:")
                && Path.of(location.substring("file:".length())).toAbsolutePath().normalize().startsWith(folder);
    }

    /**
     * The file's builder, refusing the file instead of stopping the start when Camel Main adds it
     * (every file's route configurations, then their routes, then their templated routes). YAML and
     * XML are read into routes only then, so a file that parses but states no valid route fails
     * here; once refused it adds nothing more. A proxy, not a class: Camel Main instantiates every
     * RoutesBuilder class it finds in the bridge's package (camel.main's base package scan).
     */
    private RoutesBuilder refusedWhenItFails(RoutesBuilder builder, String file) {
        List<Class<?>> types = new ArrayList<>(List.of(RoutesBuilder.class));
        // Camel Main sorts builders by Ordered (unordered first): each file keeps its place
        for (Class<?> type : List.of(RouteConfigurationsBuilder.class, Ordered.class)) {
            if (type.isInstance(builder)) {
                types.add(type);
            }
        }
        AtomicBoolean refused = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            boolean adds = method.getName().startsWith("add");
            if (adds && refused.get()) {
                return null;
            }
            try {
                return method.invoke(builder, args);
            } catch (InvocationTargetException e) {
                if (!adds) {
                    throw e.getCause();
                }
                refused.set(true);
                gate.refuseFile(file, e.getCause());
                return null;
            }
        };
        return (RoutesBuilder) Proxy.newProxyInstance(getClass().getClassLoader(), types.toArray(Class<?>[]::new), handler);
    }
}
