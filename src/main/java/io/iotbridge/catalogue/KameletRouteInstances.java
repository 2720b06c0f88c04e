package io.iotbridge.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route instance a Kamelet created, by route id, so a reload can stop the consumers of
 * instances Camel lost track of.
 *
 * <p>Why: under the supervising route controller, Camel 4.17 materialises a source Kamelet's route
 * twice when an entry is loaded at run time (CAMEL-24630, fixed upstream after 4.17): one
 * instance is managed, the other one's consumer is started and never stopped. Removing the route
 * stops only the managed one, so the orphan keeps the entry's {@code direct:} endpoint (the next
 * version of an HTTP entry is then refused with "Cannot add a 2nd consumer") or its subscription.
 */
final class KameletRouteInstances extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(KameletRouteInstances.class);

    private final Map<String, List<Route>> byId = new ConcurrentHashMap<>();

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            if (route.isCreatedByKamelet()) {
                byId.computeIfAbsent(route.getRouteId(), id -> new CopyOnWriteArrayList<>()).add(route);
            }
        }
    }

    /**
     * Stops and forgets every instance of these routes; call after the routes were removed. A
     * consumer already stopped is left as it is.
     */
    void stopLeftovers(Collection<String> routeIds) {
        for (String id : routeIds) {
            List<Route> instances = byId.remove(id);
            if (instances == null) {
                continue;
            }
            for (Route route : new ArrayList<>(instances)) {
                Consumer consumer = route.getConsumer();
                if (consumer != null && ServiceHelper.isStarted(consumer)) {
                    LOG.info("Stopping a leftover instance of route {} ({})", id, route.getEndpoint().getEndpointUri());
                    ServiceHelper.stopAndShutdownService(consumer);
                }
            }
        }
    }
}
