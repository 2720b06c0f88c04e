package io.iotbridge.erp.sapb1;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.enrich.WorkOrderLookup;
import io.iotbridge.meter.MeterWindow;

/**
 * The module over the DI Server: each document a BOM (JAXB, validated against schemas/sap-b1)
 * added with AddObject. Meter rows go as {@code AdmInfo/Object = UserTable}, a shape no public
 * source confirms (docs/integrator/sap-b1.md, "Transports"; {@link SapB1Objects}): a real DI Server may refuse
 * them, and then the meter readings are dead-lettered with its message. The Service Layer writes
 * them the documented way.
 */
public final class DiServerTransport implements SapB1Transport {

    public static final String NAME = "di-server";

    private final DiServerClient client;
    private final SapB1MeterMapper meters = new SapB1MeterMapper();
    private final SapB1CounterMapper counters = new SapB1CounterMapper();
    private final SapB1AlertMapper alerts;
    private final WorkOrderLookup workOrders;

    public DiServerTransport(DiServerClient client, String serviceCustomer) {
        this.client = client;
        this.alerts = new SapB1AlertMapper(serviceCustomer);
        this.workOrders = new SapB1WorkOrders(client);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String meter(MeterWindow window, Enrichment enrichment) {
        return client.addObject(meters.toAddObject(window, enrichment));
    }

    @Override
    public String counter(CounterReport report, Enrichment enrichment) {
        return client.addObject(counters.toAddObject(report, enrichment));
    }

    @Override
    public String alert(AlertEvent alert, Enrichment enrichment) {
        return client.addObject(alerts.toAddObject(alert, enrichment));
    }

    @Override
    public String serviceCall(String machineId, String subject, String key, String readingIds) {
        return client.addObject(alerts.serviceCall(machineId, subject, key, readingIds, null));
    }

    @Override
    public WorkOrderLookup workOrders() {
        return workOrders;
    }

    /** The DI Server client, for tests and the sandbox wiring. */
    public DiServerClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
