package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.Enrichment;
import java.math.BigDecimal;
import java.time.ZoneOffset;

/**
 * A counter window as an MES integration message ProdProductionOrderReportFinished: one line
 * reporting the window's parts as good, or for a scrap counter as error, quantity. The content is
 * a JSON document serialized into the envelope's {@code _messageContent} string (§2.3).
 */
public final class Dynamics365CounterMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String company;

    public Dynamics365CounterMapper(String company) {
        this.company = company;
    }

    public MesMessage toMessage(CounterReport report, Enrichment enrichment) {
        ObjectNode content = JSON.createObjectNode();
        content.put("ProductionOrderNumber", report.productionOrder());
        ObjectNode line = content.putArray("ReportFinishedLines").addObject();
        line.put("LineNumber", 1);
        line.put("ItemNumber", report.itemCode());
        line.put("ProductionType", "MainItem");
        line.put("ReportedGoodQuantity", report.scrap() ? BigDecimal.ZERO : report.quantityDecimal());
        line.put("ReportedErrorQuantity", report.scrap() ? report.quantityDecimal() : BigDecimal.ZERO);
        if (report.scrap()) {
            line.put("ErrorCause", "None");
        }
        line.put("ExecutedDateTime", report.windowEnd().toString());
        line.put("ReportAsFinishedDate", report.windowStart().atZone(ZoneOffset.UTC).toLocalDate().toString());
        ObjectNode trace = content.putObject(MesMessages.TRACE);
        trace.put("Key", report.key());
        ArrayNode ids = trace.putArray("ReadingIds");
        report.readingIds().forEach(ids::add);
        Dynamics365EnrichmentFields.apply(enrichment, trace);
        MesMessages.validateContent(content);

        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("_companyId", company);
        envelope.put("_messageQueue", MesMessages.QUEUE);
        envelope.put("_messageType", MesMessages.REPORT_FINISHED);
        try {
            envelope.put("_messageContent", JSON.writeValueAsString(content));
            return new MesMessage("counter", report.key(), report.readingIds(), JSON.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the MES message " + report.key(), e);
        }
    }
}
