package io.iotbridge.erp.sapb1;

import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.AdmInfo;
import io.iotbridge.erp.sapb1.dis.BoTransactionTypeEnum;
import io.iotbridge.erp.sapb1.dis.Bom;
import io.iotbridge.erp.sapb1.dis.BusinessObject;
import io.iotbridge.erp.sapb1.dis.DocumentLineRow;
import io.iotbridge.erp.sapb1.dis.DocumentLineRows;
import io.iotbridge.erp.sapb1.dis.DocumentRow;
import io.iotbridge.erp.sapb1.dis.DocumentRows;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A counter window as a Receipt from Production (oInventoryGenEntry): one line against the
 * production order (BaseType 202, BaseEntry = its DocEntry), completed or, for a scrap counter,
 * rejected quantity. The order is the catalogue's or the one the DI Server says is in progress on
 * the machine ({@link SapB1WorkOrders}); machine and shift ride in header user fields
 * ({@link SapB1EnrichmentFields}).
 */
public final class SapB1CounterMapper {

    /** Production orders are linked by BaseType 202 (oProductionOrders). */
    static final int PRODUCTION_ORDER = 202;
    private static final DateTimeFormatter DI_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    public AddObject toAddObject(CounterReport report, Enrichment enrichment) {
        DocumentRow header = new DocumentRow();
        header.setDocDate(DI_DATE.format(report.windowStart()));
        header.setComments(comment(report));
        header.setUIotKey(SapB1Keys.iotKey(report.key()));
        header.setUReadingIds(String.join(" ", report.readingIds()));
        SapB1EnrichmentFields.apply(enrichment, header);
        DocumentRows documents = new DocumentRows();
        documents.setRow(header);

        DocumentLineRow line = new DocumentLineRow();
        line.setBaseType(PRODUCTION_ORDER);
        line.setBaseEntry(SapB1EnrichmentFields.docEntry(report.productionOrder()));
        line.setItemCode(report.itemCode());
        line.setQuantity(report.quantityDecimal());
        line.setTransactionType(report.scrap() ? BoTransactionTypeEnum.BOTRNT_REJECT : BoTransactionTypeEnum.BOTRNT_COMPLETE);
        DocumentLineRows lines = new DocumentLineRows();
        lines.getRow().add(line);

        AdmInfo admInfo = new AdmInfo();
        admInfo.setObject(SapB1Objects.COUNTER_OBJECT);
        BusinessObject bo = new BusinessObject();
        bo.setAdmInfo(admInfo);
        bo.setDocuments(documents);
        bo.setDocumentLines(lines);
        Bom bom = new Bom();
        bom.setBO(bo);
        AddObject command = new AddObject();
        command.setCommandID("ReceiptFromProduction");
        command.setBOM(bom);
        return command;
    }

    private static String comment(CounterReport r) {
        String text = "IoT " + r.sensorId() + " " + r.windowStart() + "/" + r.windowEnd();
        return text.length() <= 254 ? text : text.substring(0, 254);
    }
}
