package io.iotbridge.enrich;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small machine -> current production order table written in one property, e.g.
 * {@code PRESS-07=4711/FG-100, PRESS-08=4712} (order, then optionally {@code /} and the item):
 * what the sandboxes answer lookups from, and Infor's configured mapping.
 */
public final class WorkOrderTable {

    private WorkOrderTable() {
    }

    /** @throws IllegalArgumentException naming the property, the entry and the reason */
    public static Map<String, WorkOrder> parse(String property, String text) {
        Map<String, WorkOrder> table = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return table;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            int eq = e.indexOf('=');
            String machine = eq < 0 ? "" : e.substring(0, eq).strip();
            String value = eq < 0 ? "" : e.substring(eq + 1).strip();
            int slash = value.indexOf('/');
            String order = (slash < 0 ? value : value.substring(0, slash)).strip();
            String item = slash < 0 ? null : value.substring(slash + 1).strip();
            if (machine.isEmpty() || order.isEmpty() || (item != null && item.isEmpty())) {
                throw new IllegalArgumentException(property + ": entry '" + e
                        + "' is not <machine>=<order>[/<item>]");
            }
            if (table.put(machine, new WorkOrder(order, item)) != null) {
                throw new IllegalArgumentException(property + ": machine " + machine + " is listed twice");
            }
        }
        return table;
    }
}
