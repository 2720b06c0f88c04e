package io.iotbridge.erp.infor;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.infor.bod.ActionCodeType;
import io.iotbridge.erp.infor.bod.AssetType;
import io.iotbridge.erp.infor.bod.CodeType;
import io.iotbridge.erp.infor.bod.MaintenanceOrderHeaderType;
import io.iotbridge.erp.infor.bod.MaintenanceOrderType;
import io.iotbridge.erp.infor.bod.ProcessMaintenanceOrder;
import java.time.Clock;

/**
 * An alert as a Process.MaintenanceOrder BOD (schemas/infor/ProcessMaintenanceOrder.xsd) on the
 * machine: the description names sensor, threshold, value and time.
 */
public final class InforAlertMapper {

    /** UNCONFIRMED: the priority code list of the receiving EAM; "1" is taken as the highest. */
    static final String PRIORITY = "1";

    private final BodParts parts;

    public InforAlertMapper(BodSender sender, Clock clock) {
        this.parts = new BodParts(sender, clock);
    }

    public ImsDocument toDocument(AlertEvent alert, Enrichment enrichment) {
        return new ImsDocument(InforDocuments.ALERT_DOCUMENT, alert.key(), InforContract.marshal(toBod(alert, enrichment)));
    }

    public ProcessMaintenanceOrder toBod(AlertEvent alert, Enrichment enrichment) {
        String tenant = parts.tenant();

        MaintenanceOrderHeaderType header = new MaintenanceOrderHeaderType();
        header.setDocumentID(parts.documentId(alert.key()));
        CodeType priority = new CodeType();
        priority.setValue(PRIORITY);
        header.setPriorityCode(priority);
        header.setReportedDateTime(parts.dateTime(alert.ts()));
        header.setDescription(alert.summary());
        AssetType asset = new AssetType();
        asset.setID(parts.id(alert.machineId()));
        header.setAsset(asset);

        MaintenanceOrderType order = new MaintenanceOrderType();
        order.setMaintenanceOrderHeader(header);
        order.setUserArea(parts.userArea(alert.readingIds(), enrichment));

        ProcessMaintenanceOrder.DataArea data = new ProcessMaintenanceOrder.DataArea();
        data.setProcess(parts.verb(tenant, ActionCodeType.ADD));
        data.setMaintenanceOrder(order);
        ProcessMaintenanceOrder bod = new ProcessMaintenanceOrder();
        bod.setReleaseID(InforContract.RELEASE_ID);
        bod.setApplicationArea(parts.applicationArea(tenant, alert.key(), InforDocuments.MAINTENANCE_ORDER, "Process"));
        bod.setDataArea(data);
        return bod;
    }
}
