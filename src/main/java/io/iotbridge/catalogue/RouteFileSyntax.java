package io.iotbridge.catalogue;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Whether a route file reads as routes at all (YAML or XML that parses, keys the DSL knows),
 * found without changing what runs: the file's routes are read into a builder that is never
 * added to the context. A live reload asks this first, so that a file broken by an edit (one
 * space out of place) leaves its last good version running instead of stopping its sensors.
 */
final class RouteFileSyntax {

    private RouteFileSyntax() {
    }

    /** The routes the file states; throws, with the parser's reason, when it does not read as routes. */
    static List<RouteDefinition> require(CamelContext context, Resource resource) throws Exception {
        XmlRouteFile.requireDocument(resource);
        List<RouteDefinition> routes = new ArrayList<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
            if (builder instanceof RouteBuilder routeBuilder) {
                // reads the file (Camel's DSL loaders parse in configure()); adds nothing to the context
                routes.addAll(routeBuilder.configureRoutes(context).getRoutes());
            }
        }
        return routes;
    }
}
