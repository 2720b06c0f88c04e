package io.iotbridge.api.auth;

import io.iotbridge.api.ApiHttpEngine;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Puts the API's gate ({@link ApiAccess}, role read) before /observe/metrics on the management
 * port, once Camel's management server is up. Health stays open: a load balancer or an
 * orchestrator asks it without credentials, and it tells no reading or document.
 */
public final class MetricsAccess extends MainListenerSupport {

    static final String METRICS_PATH = "/observe/metrics";

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.management.port}}"));
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("no management server on port " + port + " to protect " + METRICS_PATH);
        }
        // order -1: before the metrics route camel-micrometer-prometheus added
        router.route(METRICS_PATH).order(-1).handler(context.getRegistry().findSingleByType(ApiHttpEngine.class).access());
    }
}
