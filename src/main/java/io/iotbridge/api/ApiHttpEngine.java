package io.iotbridge.api;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine of the REST API, bound to {@code bridge.http.port}.
 *
 * <p>Why: Camel 4.17's Vert.x engine finds its port by looking for the single HTTP server in
 * the registry; with the management server on its own port (9876) there are two, and it falls
 * back to 8080. The REST API then works only when bridge.http.port happens to be 8080. Naming
 * the port here removes the guess.
 */
public class ApiHttpEngine extends VertxPlatformHttpEngine {

    private final int port;

    public ApiHttpEngine(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
