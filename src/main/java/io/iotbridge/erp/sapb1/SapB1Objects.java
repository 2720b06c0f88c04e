package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.sapb1.dis.BoObjectType;
import java.util.Map;

/**
 * Which DI object carries which kind of reading document (docs/plant-engineer.md, "What documents each ERP gets"), for the mappers and the
 * sandbox alike.
 *
 * <p>UNCONFIRMED (schemas/sap-b1/README.md, "Sources: Objects per reading kind"):
 * how DI Server's AddObject addresses a row of a
 * user-defined table. We send {@code AdmInfo/Object = UserTable} plus {@code AdmInfo/TableName},
 * with the row in a {@code UserTable/row} container (the XSD spot: bom.xsd, AdmInfo and
 * BoObjectType). {@link #METER_OBJECT} and {@link #METER_TABLE} are the Java side of that choice.
 */
public final class SapB1Objects {

    /** The ERP name records and routes use. */
    public static final String ERP = "sap-b1";

    public static final BoObjectType METER_OBJECT = BoObjectType.USER_TABLE;
    /** The meter UDT, without the '@' SAP prefixes table names with. */
    public static final String METER_TABLE = "IOT_METER";

    public static final BoObjectType COUNTER_OBJECT = BoObjectType.O_INVENTORY_GEN_ENTRY;
    public static final BoObjectType ALERT_OBJECT = BoObjectType.O_SERVICE_CALLS;

    private static final Map<BoObjectType, String> KINDS = Map.of(
            METER_OBJECT, "meter",
            COUNTER_OBJECT, "counter",
            ALERT_OBJECT, "alert");

    private SapB1Objects() {
    }

    /** meter, counter or alert. */
    public static String kindOf(BoObjectType object) {
        String kind = KINDS.get(object);
        if (kind == null) {
            throw new IllegalArgumentException("no document kind for DI object " + object);
        }
        return kind;
    }
}
