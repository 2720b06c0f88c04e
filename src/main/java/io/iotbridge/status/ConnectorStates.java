package io.iotbridge.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The connectors' states as the bridge's own health checks tell them ({@code opcua:<server>},
 * {@code mqtt:<broker>}, {@code erp:<erp>}, {@code stage:<name>}, {@code catalogue}), so the page
 * and /observe/health never disagree.
 */
final class ConnectorStates {

    /**
     * One check: {@code kind} is its id's prefix, {@code name} the rest; {@code breaker} the
     * circuit breaker's state of an ERP module.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Connector(String kind, String name, String state, String reason, String breaker) {

        boolean down() {
            return !"UP".equals(state);
        }
    }

    private final CamelContext context;

    ConnectorStates(CamelContext context) {
        this.context = context;
    }

    /** Every check whose id starts with one of {@code kinds} followed by {@code :}, or is one of them. */
    List<Connector> of(String... kinds) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        List<Connector> found = new ArrayList<>();
        if (registry == null) {
            return found;
        }
        registry.stream().forEach(check -> {
            String id = check.getId();
            for (String kind : kinds) {
                if (id.equals(kind) || id.startsWith(kind + ":")) {
                    found.add(call(kind, id, check));
                }
            }
        });
        found.sort(Comparator.comparing(Connector::kind).thenComparing(Connector::name));
        return found;
    }

    private static Connector call(String kind, String id, HealthCheck check) {
        String name = id.length() > kind.length() ? id.substring(kind.length() + 1) : id;
        try {
            HealthCheck.Result result = check.call();
            String reason = result.getMessage().orElse(result.getError().map(Throwable::getMessage).orElse(null));
            Object breaker = result.getDetails().get("breaker.state");
            return new Connector(kind, name, result.getState().name(), reason, breaker == null ? null : breaker.toString());
        } catch (RuntimeException e) {
            return new Connector(kind, name, "DOWN", "its check failed: " + e.getMessage(), null);
        }
    }
}
