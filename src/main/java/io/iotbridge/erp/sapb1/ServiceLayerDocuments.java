package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.meter.MeterWindow;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The three document kinds as Service Layer entities (JSON): a meter window as a row of the
 * no-object user table {@code @IOT_METER} (entity set {@code U_IOT_METER}), a counter report as a
 * Receipt from Production ({@code InventoryGenEntries}, lines BaseType 202 against the production
 * order), an alert as a Service Call ({@code ServiceCalls}). The fields are the DI Server
 * documents' ones (schemas/sap-b1/bom.xsd), so one set of user fields serves both transports.
 */
public final class ServiceLayerDocuments {

    public static final String METER_SET = "U_" + SapB1Objects.METER_TABLE;
    public static final String COUNTER_SET = "InventoryGenEntries";
    public static final String ALERT_SET = "ServiceCalls";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int MAX_SUBJECT = 254;
    private static final int MAX_COMMENTS = 254;

    private final String serviceCustomer;

    /** @param serviceCustomer the business partner Service Calls are filed for (bridge.erp.sap-b1.service-customer) */
    public ServiceLayerDocuments(String serviceCustomer) {
        this.serviceCustomer = serviceCustomer;
    }

    /** A row of @IOT_METER; its Code is the window's key, so a replay is the same row. */
    public ObjectNode meterRow(MeterWindow window, Enrichment enrichment) {
        String code = SapB1MeterMapper.meterCode(window.sensorId(), window.windowPart());
        ObjectNode row = JSON.createObjectNode();
        row.put("Code", code);
        row.put("Name", code);
        row.put("U_SensorId", window.sensorId());
        row.put("U_MachineId", window.machineId());
        if (enrichment != null && enrichment.shift() != null) {
            row.put("U_Shift", enrichment.shift());
        }
        if (enrichment != null && enrichment.workOrder() != null) {
            row.put("U_WorkOrder", SapB1EnrichmentFields.docEntry(enrichment.workOrder()));
        }
        row.put("U_Unit", window.unit());
        row.put("U_WindowStart", window.windowStart().toString());
        row.put("U_WindowEnd", window.windowEnd().toString());
        quantity(row, "U_Min", window.min());
        quantity(row, "U_Max", window.max());
        quantity(row, "U_Avg", window.avg());
        quantity(row, "U_Last", window.last());
        row.put("U_Count", Math.toIntExact(window.count()));
        row.put("U_Quality", window.quality().name());
        row.put("U_ReadingIds", String.join(" ", window.readingIds()));
        return row;
    }

    /** A Receipt from Production: one line against the order, completed or (scrap) rejected quantity. */
    public ObjectNode receiptFromProduction(CounterReport report, Enrichment enrichment) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("DocDate", DATE.format(report.windowStart()));
        String comments = "IoT " + report.sensorId() + " " + report.windowStart() + "/" + report.windowEnd();
        doc.put("Comments", comments.length() <= MAX_COMMENTS ? comments : comments.substring(0, MAX_COMMENTS));
        doc.put("U_IotKey", SapB1Keys.iotKey(report.key()));
        doc.put("U_ReadingIds", String.join(" ", report.readingIds()));
        if (enrichment != null) {
            doc.put("U_MachineId", enrichment.machineId());
            if (enrichment.shift() != null) {
                doc.put("U_Shift", enrichment.shift());
            }
        }
        ObjectNode line = doc.putArray("DocumentLines").addObject();
        line.put("BaseType", SapB1CounterMapper.PRODUCTION_ORDER);
        line.put("BaseEntry", SapB1EnrichmentFields.docEntry(report.productionOrder()));
        if (report.itemCode() != null) {
            line.put("ItemCode", report.itemCode());
        }
        line.put("Quantity", report.quantityDecimal());
        line.put("TransactionType", report.scrap() ? "botrntReject" : "botrntComplete");
        return doc;
    }

    /** A Service Call for an alert. */
    public ObjectNode serviceCall(AlertEvent alert, Enrichment enrichment) {
        return serviceCall(alert.machineId(), alert.summary(), alert.key(), String.join(" ", alert.readingIds()), enrichment);
    }

    /**
     * A Service Call on {@code machineId}; also what the JSON facade files.
     *
     * @param key our key of it (U_IotKey): a second call with the same key is refused as a duplicate
     * @param enrichment machine, shift and work order, or {@code null}
     */
    public ObjectNode serviceCall(String machineId, String subject, String key, String readingIds, Enrichment enrichment) {
        ObjectNode call = JSON.createObjectNode();
        call.put("CustomerCode", serviceCustomer);
        call.put("Subject", subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT));
        call.put("ItemCode", machineId);
        call.put("Priority", "scp_High");
        call.put("U_IotKey", SapB1Keys.iotKey(key));
        call.put("U_ReadingIds", readingIds);
        if (enrichment != null && enrichment.shift() != null) {
            call.put("U_Shift", enrichment.shift());
        }
        if (enrichment != null && enrichment.workOrder() != null) {
            call.put("U_WorkOrder", SapB1EnrichmentFields.docEntry(enrichment.workOrder()));
        }
        return call;
    }

    private static void quantity(ObjectNode row, String field, double value) {
        BigDecimal q = SapB1MeterMapper.quantity(value);
        if (q != null) {
            row.put(field, q);
        }
    }
}
