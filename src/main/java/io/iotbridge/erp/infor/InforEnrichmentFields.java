package io.iotbridge.erp.infor;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.infor.bod.NameValueType;
import io.iotbridge.erp.infor.bod.PropertyType;
import io.iotbridge.erp.infor.bod.UserAreaType;

/**
 * Where Infor BODs carry machine, shift and work order (docs/plant-engineer.md, "Enrichment"), in one place: as
 * {@code UserArea/Property/NameValue} pairs, Infor's own extension point, on every noun (besides
 * the machine in Asset/ID and, for the job transaction, the order in ProductionOrderReference).
 * UNCONFIRMED: the property names; a receiving application maps them by name.
 */
final class InforEnrichmentFields {

    static final String MACHINE = "iot.MachineID";
    static final String SHIFT = "iot.Shift";
    static final String WORK_ORDER = "iot.ProductionOrder";

    private InforEnrichmentFields() {
    }

    static void apply(Enrichment e, UserAreaType area) {
        add(area, MACHINE, e.machineId());
        add(area, SHIFT, e.shift());
        add(area, WORK_ORDER, e.workOrder());
    }

    private static void add(UserAreaType area, String name, String value) {
        if (value == null) {
            return;
        }
        NameValueType nameValue = new NameValueType();
        nameValue.setName(name);
        nameValue.setType("StringType");
        nameValue.setValue(value);
        PropertyType property = new PropertyType();
        property.setNameValue(nameValue);
        area.getProperty().add(property);
    }
}
