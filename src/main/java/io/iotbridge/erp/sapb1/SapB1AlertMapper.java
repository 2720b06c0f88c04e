package io.iotbridge.erp.sapb1;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.AdmInfo;
import io.iotbridge.erp.sapb1.dis.BoSvcCallPriorities;
import io.iotbridge.erp.sapb1.dis.Bom;
import io.iotbridge.erp.sapb1.dis.BusinessObject;
import io.iotbridge.erp.sapb1.dis.ServiceCallRow;
import io.iotbridge.erp.sapb1.dis.ServiceCallRows;

/**
 * An alert as a Service Call (oServiceCalls) on the machine: the item is the machine, the subject
 * names sensor, threshold, value and time, the customer is the plant's service customer
 * ({@code bridge.erp.sap-b1.service-customer}), since SAP requires one.
 */
public final class SapB1AlertMapper {

    private static final int MAX_SUBJECT = 254;

    private final String serviceCustomer;

    public SapB1AlertMapper(String serviceCustomer) {
        this.serviceCustomer = serviceCustomer;
    }

    public AddObject toAddObject(AlertEvent alert, Enrichment enrichment) {
        ServiceCallRow row = new ServiceCallRow();
        row.setCustomerCode(serviceCustomer);
        String subject = alert.summary();
        row.setSubject(subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT));
        row.setItemCode(alert.machineId());
        row.setPriority(BoSvcCallPriorities.SCP_HIGH);
        row.setUIotKey(SapB1Keys.iotKey(alert.key()));
        row.setUReadingIds(String.join(" ", alert.readingIds()));
        SapB1EnrichmentFields.apply(enrichment, row);
        ServiceCallRows calls = new ServiceCallRows();
        calls.setRow(row);

        AdmInfo admInfo = new AdmInfo();
        admInfo.setObject(SapB1Objects.ALERT_OBJECT);
        BusinessObject bo = new BusinessObject();
        bo.setAdmInfo(admInfo);
        bo.setServiceCalls(calls);
        Bom bom = new Bom();
        bom.setBO(bo);
        AddObject command = new AddObject();
        command.setCommandID("AddServiceCall");
        command.setBOM(bom);
        return command;
    }
}
