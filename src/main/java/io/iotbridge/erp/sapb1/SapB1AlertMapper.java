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
        return serviceCall(alert.machineId(), alert.summary(), alert.key(), String.join(" ", alert.readingIds()), enrichment);
    }

    /**
     * A Service Call on {@code machineId}; also what the JSON facade files ({@link SapB1Facade}).
     *
     * @param key our key of it (U_IotKey): a second call with the same key is refused as a duplicate
     * @param enrichment machine, shift and work order, or {@code null} when the caller has none
     */
    AddObject serviceCall(String machineId, String subject, String key, String readingIds, Enrichment enrichment) {
        ServiceCallRow row = new ServiceCallRow();
        row.setCustomerCode(serviceCustomer);
        row.setSubject(subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT));
        row.setItemCode(machineId);
        row.setPriority(BoSvcCallPriorities.SCP_HIGH);
        row.setUIotKey(SapB1Keys.iotKey(key));
        row.setUReadingIds(readingIds);
        if (enrichment != null) {
            SapB1EnrichmentFields.apply(enrichment, row);
        }
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
