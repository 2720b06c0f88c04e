package io.iotbridge.erp.infor;

import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderLookup;
import java.util.Map;
import java.util.Optional;

/**
 * The production order in progress on a machine, for Infor from a configured table
 * (bridge.erp.infor.orders, {@code <machine>=<order>[/<item>], ...}).
 *
 * <p>Why no ION API call: which API answers "the job running on this machine" depends on the
 * CloudSuite behind ION (LN, M3, CSI/SyteLine each have their own, none among the module's
 * sources: schemas/infor/README.md, "Sources"),
 * so a call would be a guess. UNCONFIRMED, and this class is where such a call would go.
 */
public final class InforWorkOrders implements WorkOrderLookup {

    private final Map<String, WorkOrder> table;

    public InforWorkOrders(Map<String, WorkOrder> table) {
        this.table = Map.copyOf(table);
    }

    @Override
    public Optional<WorkOrder> inProgress(String machineId) {
        return Optional.ofNullable(table.get(machineId));
    }
}
