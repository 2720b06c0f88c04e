package io.iotbridge.erp.dynamics365;

/**
 * Which data entity record carries which kind of reading document (docs/plant-engineer.md, "What documents each ERP gets"), for the
 * mappers and the sandbox alike.
 *
 * <p>UNCONFIRMED (schemas/dynamics365/README.md, "Sources: Asset management"): no public
 * source names the data entities for asset
 * counter registrations and maintenance requests. We assume the record elements below (XSD spot:
 * schemas/dynamics365/dmf-document.xsd) and the entity labels the enqueue URL names by default
 * ({@code bridge.erp.dynamics365.meter-entity} and {@code .alert-entity}, which must match the
 * recurring job's entities).
 * This class and that XSD are the places to correct.
 */
public final class Dynamics365Entities {

    /** The ERP name records and routes use. */
    public static final String ERP = "dynamics365";

    /** meter: the record element of an asset counter registration. */
    public static final String METER_RECORD = "ENTASSETCOUNTERREGISTRATIONENTITY";
    /** The entity label sent as {@code entity=} unless configured otherwise. */
    public static final String METER_ENTITY = "Asset counter registrations";

    /** alert: the record element of a maintenance request. */
    public static final String ALERT_RECORD = "ENTASSETREQUESTENTITY";
    public static final String ALERT_ENTITY = "Maintenance requests";

    private Dynamics365Entities() {
    }

    /** meter or alert, from a record element's name. */
    public static String kindOf(String recordElement) {
        return switch (recordElement) {
            case METER_RECORD -> "meter";
            case ALERT_RECORD -> "alert";
            default -> throw new IllegalArgumentException("no document kind for entity record " + recordElement);
        };
    }
}
