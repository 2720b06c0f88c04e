package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.enrich.WorkOrderLookup;
import io.iotbridge.meter.MeterWindow;
import java.util.List;

/**
 * The module over the Service Layer: meter rows in the user table @IOT_METER (entity set
 * U_IOT_METER, several in one $batch change set), Receipts from Production as InventoryGenEntries,
 * Service Calls as ServiceCalls (each only when no document with its U_IotKey is there yet), the
 * production order from ProductionOrders.
 */
public final class ServiceLayerTransport implements SapB1Transport {

    public static final String NAME = "service-layer";

    private final ServiceLayerClient client;
    private final ServiceLayerDocuments documents;
    private final WorkOrderLookup workOrders;
    private final ServiceLayerChangeSets changeSets;

    public ServiceLayerTransport(ServiceLayerClient client, String serviceCustomer) {
        this.client = client;
        this.documents = new ServiceLayerDocuments(serviceCustomer);
        this.workOrders = new ServiceLayerWorkOrders(client);
        this.changeSets = new ServiceLayerChangeSets(client);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String meter(MeterWindow window, Enrichment enrichment) {
        return meters(List.of(window), enrichment).get(0);
    }

    /** Several meter windows as rows of one change set: SAP books all of them or none. */
    public List<String> meters(List<MeterWindow> windows, Enrichment enrichment) {
        List<ObjectNode> rows = windows.stream().map(w -> documents.meterRow(w, enrichment)).toList();
        return changeSets.addAll(ServiceLayerDocuments.METER_SET, rows, "Code",
                rows.stream().map(r -> r.path("Code").asText()).toList());
    }

    @Override
    public String counter(CounterReport report, Enrichment enrichment) {
        return addOnce(ServiceLayerDocuments.COUNTER_SET, documents.receiptFromProduction(report, enrichment), "DocEntry");
    }

    @Override
    public String alert(AlertEvent alert, Enrichment enrichment) {
        return addServiceCall(documents.serviceCall(alert, enrichment));
    }

    @Override
    public String serviceCall(String machineId, String subject, String key, String readingIds) {
        return addServiceCall(documents.serviceCall(machineId, subject, key, readingIds, null));
    }

    private String addServiceCall(ObjectNode call) {
        return addOnce(ServiceLayerDocuments.ALERT_SET, call, "ServiceCallID");
    }

    /**
     * Adds a document unless SAP already holds one with its U_IotKey (a replay after a lost answer
     * or a crash): asked first, since SAP does not keep a user field unique by itself; a duplicate
     * refusal (-2035, where the company does) counts as booked too.
     */
    private String addOnce(String entitySet, ObjectNode doc, String keyField) {
        String iotKey = doc.path("U_IotKey").asText();
        return client.find(ServiceLayerDocumentQuery.byIotKey(entitySet, keyField, iotKey), keyField)
                .orElseGet(() -> client.add(entitySet, doc, keyField, iotKey));
    }

    @Override
    public WorkOrderLookup workOrders() {
        return workOrders;
    }

    public ServiceLayerClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
