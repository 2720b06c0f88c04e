package io.iotbridge.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.ManagementStrategy;

/**
 * Camel's context with two lookups made independent of the number of routes, which a catalogue
 * of thousands of sensor routes needs (bench/README.md, "Where the cost goes"):
 * <ul>
 * <li>Adding a route (every Kamelet a catalogue entry expands into) first removes any route of
 * that id, and Camel 4.17 gathers the endpoints of every route before it looks whether one
 * exists: quadratic in the route count at start. Here a route that does not exist is not
 * looked for.</li>
 * <li>{@link #getRoute(String)}, which every new exchange calls (stream-caching check), copies the
 * list of all routes to find one. Here it is a map lookup.</li>
 * <li>The HTTP and management servers' start-up listeners (camel-platform-http-main) add an event
 * notifier each time they are called, and Camel calls them again for every route the supervising
 * route controller starts: two notifiers per route, asked about every event of every exchange.
 * Here each listener keeps the first notifier it added and no more.</li>
 * </ul>
 * Behaviour is otherwise Camel's own.
 */
final class ScalableCamelContext extends DefaultCamelContext {

    /** The anonymous start-up listener of camel-platform-http-main's MainHttpServerUtil. */
    private static final String HTTP_SUMMARY_LISTENER = "org.apache.camel.component.platform.http.main.MainHttpServerUtil$";

    private final Map<String, Route> routesById = new ConcurrentHashMap<>();

    ScalableCamelContext() {
        // as Camel Main creates its context: built, not started
        super(false);
    }

    @Override
    protected boolean removeRoute(String routeId, LoggingLevel loggingLevel) throws Exception {
        Lock lock = getLock();
        lock.lock();
        try {
            if (!getRouteServices().containsKey(routeId)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        return super.removeRoute(routeId, loggingLevel);
    }

    @Override
    public void addRoute(Route route) {
        super.addRoute(route);
        routesById.put(route.getId(), route);
    }

    @Override
    public void removeRoute(Route route) {
        super.removeRoute(route);
        routesById.remove(route.getId(), route);
    }

    @Override
    public Route getRoute(String id) {
        return id == null ? null : routesById.get(id);
    }

    @Override
    public void addStartupListener(StartupListener listener) throws Exception {
        boolean httpSummary = listener.getClass().getName().startsWith(HTTP_SUMMARY_LISTENER);
        super.addStartupListener(httpSummary ? new FirstNotifierOnly(listener) : listener);
    }

    /** Calls the listener every time, and removes the event notifiers it adds after its first call. */
    private static final class FirstNotifierOnly implements StartupListener {

        private final StartupListener listener;
        private boolean called;

        FirstNotifierOnly(StartupListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            ManagementStrategy management = context.getManagementStrategy();
            List<EventNotifier> before = List.copyOf(management.getEventNotifiers());
            listener.onCamelContextStarted(context, alreadyStarted);
            if (called) {
                List.copyOf(management.getEventNotifiers()).stream()
                        .filter(added -> before.stream().noneMatch(old -> old == added))
                        .forEach(management::removeEventNotifier);
            }
            called = true;
        }
    }
}
