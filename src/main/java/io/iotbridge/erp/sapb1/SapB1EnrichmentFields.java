package io.iotbridge.erp.sapb1;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.sapb1.dis.DocumentRow;
import io.iotbridge.erp.sapb1.dis.MeterTableRow;
import io.iotbridge.erp.sapb1.dis.ServiceCallRow;
import java.math.BigInteger;

/**
 * Where SAP B1 documents carry machine, shift and work order (docs/plant-engineer.md, "Enrichment"), in one place:
 * user fields U_MachineId / U_Shift / U_WorkOrder (the order's DocEntry) on the meter UDT row, the
 * Receipt from Production header (whose line's BaseEntry is the order) and the Service Call
 * (whose ItemCode is the machine). The U_ fields are UNCONFIRMED like every user field here: the
 * company must define them (schemas/sap-b1/README.md).
 */
final class SapB1EnrichmentFields {

    private SapB1EnrichmentFields() {
    }

    static void apply(Enrichment e, MeterTableRow row) {
        row.setUShift(e.shift());
        row.setUWorkOrder(e.workOrder() == null ? null : docEntry(e.workOrder()));
    }

    static void apply(Enrichment e, DocumentRow header) {
        header.setUMachineId(e.machineId());
        header.setUShift(e.shift());
    }

    static void apply(Enrichment e, ServiceCallRow row) {
        row.setUShift(e.shift());
        row.setUWorkOrder(e.workOrder() == null ? null : docEntry(e.workOrder()));
    }

    /** A production order's DocEntry; anything else is a catalogue error the DI Server would refuse. */
    static BigInteger docEntry(String productionOrder) {
        try {
            BigInteger entry = new BigInteger(productionOrder);
            if (entry.signum() > 0) {
                return entry;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SapB1InvalidDocumentException("productionOrder '" + productionOrder
                + "' is not a production order DocEntry (a positive number)", null);
    }
}
