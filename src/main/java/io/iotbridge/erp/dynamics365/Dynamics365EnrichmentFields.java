package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.dynamics365.entities.AssetCounterRegistration;
import io.iotbridge.erp.dynamics365.entities.MaintenanceRequest;

/**
 * Where Dynamics 365 documents carry machine, shift and work order (docs/plant-engineer.md, "Enrichment"), in one
 * place: the entity records' ASSETID (machine), SHIFT and PRODUCTIONORDERNUMBER fields; the MES
 * report's ProductionOrderNumber (the order) and, as the MES message has no field for them,
 * machine and shift in our {@link MesMessages#TRACE} member (UNCONFIRMED like that member).
 */
final class Dynamics365EnrichmentFields {

    private Dynamics365EnrichmentFields() {
    }

    static void apply(Enrichment e, AssetCounterRegistration record) {
        record.setASSETID(e.machineId());
        record.setSHIFT(e.shift());
        record.setPRODUCTIONORDERNUMBER(e.workOrder());
    }

    static void apply(Enrichment e, MaintenanceRequest record) {
        record.setASSETID(e.machineId());
        record.setSHIFT(e.shift());
        record.setPRODUCTIONORDERNUMBER(e.workOrder());
    }

    /** @param trace the content's {@link MesMessages#TRACE} member */
    static void apply(Enrichment e, ObjectNode trace) {
        trace.put("MachineId", e.machineId());
        if (e.shift() != null) {
            trace.put("Shift", e.shift());
        }
    }
}
