package io.iotbridge.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * What crosses between HTTP and the REST routes' messages (platform-http's header filter).
 * Camel copies request headers and query parameters into the message and writes message headers
 * back as response headers; without this, {@code GET /?Refresh=0;url=...} answered with a
 * Refresh header and {@code ?Set-Cookie=} set a cookie, and a parameter named like one of the
 * bridge's own headers (iotPublishRoutingKey, ...) reached its routes. So only the request values
 * the routes read come in, and only the response headers the routes set go out. The credentials
 * never come in: {@code ApiAccess} checked them on the HTTP server.
 */
public final class ApiHeaderFilter implements HeaderFilterStrategy {

    /**
     * Request headers and query parameters the REST routes read (the status page's paging and
     * search; the historian's query: sensorId, from, to; the KPIs' machineId).
     */
    private static final Set<String> IN = Set.of("content-type", "accept", "limit", "offset", "search", "only",
            "sensorid", "from", "to", "machineid");
    /** Response headers the REST routes set (the content type is written apart, from the message). */
    private static final Set<String> OUT = Set.of("retry-after", "location", "cache-control");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !OUT.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return !IN.contains(name.toLowerCase(Locale.ROOT));
    }
}
