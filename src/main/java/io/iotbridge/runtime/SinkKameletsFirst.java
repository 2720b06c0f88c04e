package io.iotbridge.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Starts every route that begins at {@code kamelet:source} (the sink Kamelets: reading-buffer-sink,
 * each {@code <erp>-sink}) before all other routes, so no source sends to a sink that is not
 * consuming yet. Without it the route controller starts routes in the order they were created,
 * and a sensor's OPC UA or MQTT route, created before the sink route its entry sends to, could
 * deliver a reading in between: the MQTT or OPC UA thread then blocks (the kamelet component's
 * {@code timeout}) or the reading fails with KameletConsumerNotAvailableException and is retried.
 * A sink route consumes nothing from outside, so starting it first is harmless.
 *
 * <p>The route controller starts routes by {@code startupOrder}, routes without one last. Camel
 * numbers those itself from 1000 upwards and refuses two routes with one number, so sinks take
 * numbers of their own from {@link #FIRST}, far above any Camel reaches, also on live reload.
 */
public final class SinkKameletsFirst extends MainListenerSupport implements ModelLifecycleStrategy {

    static final int FIRST = 1_000_000_000;

    private final AtomicInteger next = new AtomicInteger(FIRST);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(this);
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        // a sink Kamelet's route as the kamelet component adds it: from kamelet://source?routeId=...
        if (Boolean.TRUE.equals(route.isKamelet()) && route.getStartupOrder() == null && from != null
                && (from.startsWith("kamelet://source") || from.startsWith("kamelet:source"))) {
            route.setStartupOrder(next.getAndIncrement());
        }
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
        // its number is not reused: a route started later must not clash with one still running
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        // only routes are ordered
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
        // only routes are ordered
    }
}
