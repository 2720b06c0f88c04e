package io.iotbridge.sandbox.dynamics365;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.dynamics365.Dynamics365WorkOrders;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /data/ProductionOrderHeaders?$filter=...}: answers the module's work-order lookup
 * ({@link Dynamics365WorkOrders}) from a table machine -> current order, in the OData shape
 * {@code {"value":[{"ProductionOrderNumber":..,"ItemNumber":..}]}}; any other filter is a 400.
 */
final class SandboxProductionOrdersEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxTokens tokens;
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Map<String, WorkOrder> currentOrders = Map.of();

    SandboxProductionOrdersEndpoint(SandboxTokens tokens) {
        this.tokens = tokens;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            SandboxHttp.text(exchange, 401, "");
            return;
        }
        String filter = null;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("$filter")) {
                filter = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        var asked = Dynamics365WorkOrders.companyAndMachine(filter);
        if (asked.isEmpty()) {
            ODataAnswers.error(exchange, 400, new ODataError("",
                    "The sandbox answers only the bridge's production order filter, not: " + filter, "", ""));
            return;
        }
        lookups.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        WorkOrder order = currentOrders.get(asked.get()[1]);
        if (order != null) {
            ObjectNode row = value.addObject();
            row.put("ProductionOrderNumber", order.number());
            row.put("ItemNumber", order.itemCode());
        }
        SandboxHttp.json(exchange, 200, JSON.writeValueAsString(answer));
    }

    void currentOrders(Map<String, WorkOrder> orders) {
        currentOrders = Map.copyOf(orders);
    }

    int lookups() {
        return lookups.get();
    }
}
