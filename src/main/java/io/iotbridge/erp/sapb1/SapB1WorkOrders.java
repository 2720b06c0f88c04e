package io.iotbridge.erp.sapb1;

import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderLookup;
import io.iotbridge.erp.sapb1.dis.ExecuteSQLResponse;
import io.iotbridge.erp.sapb1.dis.ProductionOrderRow;
import java.util.Optional;

/** The production order in progress on a machine, asked of the DI Server ({@link SapB1WorkOrderQuery}). */
public final class SapB1WorkOrders implements WorkOrderLookup {

    private final DiServerClient client;

    public SapB1WorkOrders(DiServerClient client) {
        this.client = client;
    }

    @Override
    public Optional<WorkOrder> inProgress(String machineId) {
        ExecuteSQLResponse answer = client.executeSql(SapB1WorkOrderQuery.forMachine(machineId));
        if (answer.getBOM() == null || answer.getBOM().getBO() == null || answer.getBOM().getBO().getOWOR() == null) {
            return Optional.empty();
        }
        return answer.getBOM().getBO().getOWOR().getRow().stream().findFirst().map(SapB1WorkOrders::order);
    }

    private static WorkOrder order(ProductionOrderRow row) {
        String item = row.getItemCode() == null || row.getItemCode().isBlank() ? null : row.getItemCode();
        return new WorkOrder(row.getDocEntry().toString(), item);
    }
}
