package io.iotbridge.enrich;

import java.util.Optional;

/**
 * One ERP's answer to "which production order is in progress on this machine". An unreachable
 * ERP throws (the document is retried like any transient failure); no order is an empty answer.
 */
@FunctionalInterface
public interface WorkOrderLookup {

    Optional<WorkOrder> inProgress(String machineId);
}
