package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderLookup;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production order in progress on a machine, asked of the Service Layer
 * ({@link ServiceLayerWorkOrderQuery}): one filtered query; where the Service Layer refuses its
 * lambda {@code any} (UNCONFIRMED that it takes it), the released orders page by page with their
 * lines, matched here, from then on.
 */
final class ServiceLayerWorkOrders implements WorkOrderLookup {

    /** Pages of released orders read at most (SAP pages 20 by default): bounded, as every loop here. */
    static final int MAX_PAGES = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLayerWorkOrders.class);

    private final ServiceLayerClient client;
    private final AtomicBoolean filterRefused = new AtomicBoolean();

    ServiceLayerWorkOrders(ServiceLayerClient client) {
        this.client = client;
    }

    @Override
    public Optional<WorkOrder> inProgress(String machineId) {
        if (!filterRefused.get()) {
            try {
                return first(client.get(ServiceLayerWorkOrderQuery.forMachine(machineId)), null);
            } catch (SapB1RejectedException e) {
                if (filterRefused.compareAndSet(false, true)) {
                    LOG.warn("the Service Layer at {} refused the production order query ({}); reading the released"
                            + " orders with their lines instead", client.root(), e.faultMessage());
                }
            }
        }
        String page = ServiceLayerWorkOrderQuery.released();
        for (int i = 0; page != null && i < MAX_PAGES; i++) {
            JsonNode answer = client.get(page);
            Optional<WorkOrder> found = first(answer, machineId);
            if (found.isPresent()) {
                return found;
            }
            page = client.nextPage(answer);
        }
        return Optional.empty();
    }

    /** The first order of an answer; with {@code machineId}, the first with a resource line for it. */
    private static Optional<WorkOrder> first(JsonNode answer, String machineId) {
        for (JsonNode order : answer.path("value")) {
            if (machineId == null || runsOn(order, machineId)) {
                String item = order.path("ItemNo").asText("");
                return Optional.of(new WorkOrder(order.path("AbsoluteEntry").asText(), item.isBlank() ? null : item));
            }
        }
        return Optional.empty();
    }

    private static boolean runsOn(JsonNode order, String machineId) {
        for (JsonNode line : order.path("ProductionOrderLines")) {
            if ("pit_Resource".equals(line.path("ItemType").asText()) && machineId.equals(line.path("ItemNo").asText())) {
                return true;
            }
        }
        return false;
    }
}
