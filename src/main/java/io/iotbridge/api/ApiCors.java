package io.iotbridge.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * CORS for the REST API, only for the origins in {@code bridge.api.cors-origins} (none by default:
 * a page of another site cannot call the API from a browser). The preflight is answered before the
 * credentials are asked for, as browsers send none with it.
 */
public final class ApiCors extends MainListenerSupport {

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        String origins = context.resolvePropertyPlaceholders("{{bridge.api.cors-origins}}");
        if (origins.isBlank()) {
            return;
        }
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{bridge.http.port}}"));
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        List<String> allowed = Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
        router.route("/api/v1/*").order(-1).handler(CorsHandler.create().addOrigins(allowed)
                .allowedHeaders(Set.of("Authorization", "Content-Type"))
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST)));
    }
}
