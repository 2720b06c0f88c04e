package io.iotbridge.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors the HTTP servers answer themselves, before any route: no route at the path (404), a
 * method (405) or content type (415) the route does not take, a failure (500). Vert.x answers them
 * as an HTML page or an empty body; here they are problems as every other error, on the API port
 * and the management port. No detail names a request value.
 */
public final class ServerProblems extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProblems.class);
    private static final Map<Integer, String> DETAILS = Map.of(
            400, "the request cannot be read",
            404, "nothing is served at this path",
            405, "this path does not take this method",
            413, "the request body is too large",
            415, "the request body must be application/json",
            500, "the request failed inside the bridge; its log says why");

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        for (String port : new String[] {"{{bridge.http.port}}", "{{camel.management.port}}"}) {
            int number = Integer.parseInt(context.resolvePropertyPlaceholders(port));
            VertxPlatformHttpRouter routes = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(number));
            // the routes are a sub-router: what none of them takes is answered by the server's own router
            Object root = routes == null ? null : routes.getServer().getServer().requestHandler();
            if (!(root instanceof Router router)) {
                throw new IllegalStateException("no HTTP server on port " + number + " to answer its errors as problems");
            }
            DETAILS.forEach((status, detail) -> router.errorHandler(status, ctx -> answer(ctx, status, detail)));
        }
    }

    private static void answer(RoutingContext ctx, int status, String detail) {
        if (status == 500 && ctx.failure() != null) {
            LOG.error("a request failed inside the bridge", ctx.failure());
        }
        if (!ctx.response().ended()) {
            Problem.write(ctx, status, detail);
        }
    }
}
