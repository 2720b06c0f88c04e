package io.iotbridge.erp.infor;

import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.infor.bod.ActionCodeType;
import io.iotbridge.erp.infor.bod.AssetType;
import io.iotbridge.erp.infor.bod.EmployeeTimesheetHeaderType;
import io.iotbridge.erp.infor.bod.EmployeeTimesheetLineType;
import io.iotbridge.erp.infor.bod.EmployeeTimesheetType;
import io.iotbridge.erp.infor.bod.QuantityType;
import io.iotbridge.erp.infor.bod.SyncEmployeeTimesheet;
import io.iotbridge.erp.infor.bod.TimePeriodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;

/**
 * A counter window as a Sync.EmployeeTimesheet job transaction (schemas/infor/SyncEmployeeTimesheet.xsd):
 * the machine reports, against the production order, the window's parts as completed or, for a
 * scrap counter, scrapped quantity.
 */
public final class InforCounterMapper {

    private final BodParts parts;

    public InforCounterMapper(BodSender sender, Clock clock) {
        this.parts = new BodParts(sender, clock);
    }

    /** The BOD for the IMS, marshalled and validated; its messageId is the report's key. */
    public ImsDocument toDocument(CounterReport report, Enrichment enrichment) {
        return new ImsDocument(InforDocuments.COUNTER_DOCUMENT, report.key(), InforContract.marshal(toBod(report, enrichment)));
    }

    public SyncEmployeeTimesheet toBod(CounterReport report, Enrichment enrichment) {
        String tenant = parts.tenant();

        EmployeeTimesheetHeaderType header = new EmployeeTimesheetHeaderType();
        header.setDocumentID(parts.documentId(report.key()));
        header.setEmployeeID(parts.id(report.machineId()));
        header.setDocumentDateTime(parts.dateTime(report.windowEnd()));

        EmployeeTimesheetLineType line = new EmployeeTimesheetLineType();
        line.setLineNumber(BigInteger.ONE);
        line.setProductionOrderReference(parts.documentId(report.productionOrder()));
        AssetType asset = new AssetType();
        asset.setID(parts.id(report.machineId()));
        line.setAsset(asset);
        TimePeriodType period = new TimePeriodType();
        period.setStartDateTime(parts.dateTime(report.windowStart()));
        period.setEndDateTime(parts.dateTime(report.windowEnd()));
        line.setTimePeriod(period);
        line.setCompletedQuantity(quantity(report.scrap() ? BigDecimal.ZERO : report.quantityDecimal(), report.unit()));
        line.setScrappedQuantity(quantity(report.scrap() ? report.quantityDecimal() : BigDecimal.ZERO, report.unit()));

        EmployeeTimesheetType timesheet = new EmployeeTimesheetType();
        timesheet.setEmployeeTimesheetHeader(header);
        timesheet.getEmployeeTimesheetLine().add(line);
        timesheet.setUserArea(parts.userArea(report.readingIds(), enrichment));

        SyncEmployeeTimesheet.DataArea data = new SyncEmployeeTimesheet.DataArea();
        // Replace: a replayed window restates, never adds to, what its first delivery reported
        data.setSync(parts.verb(tenant, ActionCodeType.REPLACE));
        data.setEmployeeTimesheet(timesheet);
        SyncEmployeeTimesheet bod = new SyncEmployeeTimesheet();
        bod.setReleaseID(InforContract.RELEASE_ID);
        bod.setApplicationArea(parts.applicationArea(tenant, report.key(), InforDocuments.EMPLOYEE_TIMESHEET, "Sync"));
        bod.setDataArea(data);
        return bod;
    }

    private static QuantityType quantity(BigDecimal value, String unit) {
        QuantityType q = new QuantityType();
        q.setValue(value);
        q.setUnitCode(unit);
        return q;
    }
}
