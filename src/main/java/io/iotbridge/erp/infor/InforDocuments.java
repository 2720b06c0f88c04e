package io.iotbridge.erp.infor;

import java.util.Map;

/**
 * The Java side of the Infor module's document choices, in one place (with schemas/infor/ for the
 * XML shapes). UNCONFIRMED (schemas/infor/README.md, "Sources: BOD structure"): which
 * nouns CloudSuite accepts for meter
 * readings and production counts. We send {@code Sync.SensorReading} (a custom noun) for meter,
 * {@code Sync.EmployeeTimesheet} (a job transaction) for counter and
 * {@code Process.MaintenanceOrder} for alert; standard nouns carry the reading ids in UserArea.
 */
public final class InforDocuments {

    /** The ERP name records, queues and metrics use. */
    public static final String ERP = "infor";

    public static final String SENSOR_READING = "SensorReading";
    public static final String EMPLOYEE_TIMESHEET = "EmployeeTimesheet";
    public static final String MAINTENANCE_ORDER = "MaintenanceOrder";

    /** IMS documentName of a meter document: Verb.Noun. */
    public static final String METER_DOCUMENT = "Sync." + SENSOR_READING;
    public static final String COUNTER_DOCUMENT = "Sync." + EMPLOYEE_TIMESHEET;
    public static final String ALERT_DOCUMENT = "Process." + MAINTENANCE_ORDER;

    /** The BOD revision we send; a replay carries the same one, so its BODID is the same. */
    public static final String REVISION = "1";
    public static final int VARIATION_ID = 1;

    private static final Map<String, String> KINDS = Map.of(
            SENSOR_READING, "meter",
            EMPLOYEE_TIMESHEET, "counter",
            MAINTENANCE_ORDER, "alert");

    private InforDocuments() {
    }

    /** meter, counter or alert for a BOD noun; empty when the bridge sends no such noun. */
    public static java.util.Optional<String> kindOf(String noun) {
        return java.util.Optional.ofNullable(KINDS.get(noun));
    }

    /**
     * {@code infor-nid:<tenant>:<accountingEntity>:<location>:<documentId>:<revision>?<Noun>&verb=<Verb>&variationID=<n>}.
     * A ':', '?', '&' or '%' inside a part is percent-encoded so the parts stay apart.
     */
    public static String bodId(String tenant, String accountingEntity, String location, String documentId,
            String noun, String verb) {
        return "infor-nid:" + part(tenant) + ":" + part(accountingEntity) + ":" + part(location) + ":"
                + part(documentId) + ":" + REVISION + "?" + noun + "&verb=" + verb + "&variationID=" + VARIATION_ID;
    }

    private static String part(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("%", "%25").replace(":", "%3A").replace("?", "%3F").replace("&", "%26");
    }
}
