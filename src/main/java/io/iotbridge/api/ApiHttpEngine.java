package io.iotbridge.api;

import io.iotbridge.api.auth.ApiAccess;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine of the REST API and the status page, bound to {@code bridge.http.port},
 * whose every route first passes {@link RequestStage}, {@link ApiAccess} and the handlers after it.
 *
 * <p>Why the port: Camel 4.17's Vert.x engine finds its port by looking for the single HTTP server in
 * the registry; with the management server on its own port (9876) there are two, and it falls
 * back to 8080. The REST API then works only when bridge.http.port happens to be 8080. Naming
 * the port here removes the guess.
 */
public class ApiHttpEngine extends VertxPlatformHttpEngine {

    private final int port;
    private final ApiAccess access;

    @SafeVarargs
    public ApiHttpEngine(int port, RequestStage requests, ApiAccess access, Handler<RoutingContext>... after) {
        this.port = port;
        this.access = access;
        List<Handler<RoutingContext>> handlers = new ArrayList<>(List.of(requests, access));
        handlers.addAll(List.of(after));
        setHandlers(handlers);
    }

    /** The gate, also put before the metrics on the management port. */
    public ApiAccess access() {
        return access;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
