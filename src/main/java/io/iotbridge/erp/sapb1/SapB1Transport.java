package io.iotbridge.erp.sapb1;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.enrich.WorkOrderLookup;
import io.iotbridge.meter.MeterWindow;

/**
 * How the SAP Business One module reaches SAP ({@code bridge.erp.sap-b1.transport}): the Service
 * Layer (REST/OData, the default) or the DI Server (SOAP). The Kamelet, the facade and the
 * work-order lookup see only this, so the choice is configuration.
 *
 * <p>Each method returns SAP's key of the document (or the bridge's own key of one SAP already
 * holds: a replay) and throws {@link SapB1InvalidDocumentException} (refused before sending),
 * {@link SapB1RejectedException} (SAP refused it) or another exception (transient).
 */
public interface SapB1Transport extends AutoCloseable {

    /** service-layer or di-server. */
    String name();

    String meter(MeterWindow window, Enrichment enrichment);

    String counter(CounterReport report, Enrichment enrichment);

    String alert(AlertEvent alert, Enrichment enrichment);

    /** A Service Call from the JSON facade; {@code key} is its U_IotKey. */
    String serviceCall(String machineId, String subject, String key, String readingIds);

    /** The production order in progress on a machine, asked of SAP. */
    WorkOrderLookup workOrders();

    @Override
    void close();
}
