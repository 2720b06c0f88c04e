package io.iotbridge.enrich;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.counter.CounterDeltas;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.erp.ErpRejectedException;
import io.iotbridge.meter.MeterWindow;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The step each ERP sink takes before its mapper: works out the document's {@link Enrichment}
 * (machine, shift, work order) and leaves it in the exchange property {@value #PROPERTY}, where the
 * mappers take it. A counter report gets its production order (and item) here: the catalogue's,
 * or else the order the ERP says is in progress on the machine; with neither it is refused.
 */
public final class DocumentEnricher {

    public static final String PROPERTY = "iotEnrichment";

    private final String erp;
    private final ShiftCalendar shifts;
    private final CachedWorkOrders orders;

    public DocumentEnricher(String erp, ShiftCalendar shifts, CachedWorkOrders orders) {
        this.erp = erp;
        this.shifts = shifts;
        this.orders = orders;
    }

    /** The module this enricher serves. */
    public String erp() {
        return erp;
    }

    /** The production order the module last found in progress on the machine, if still fresh; asks no ERP. */
    public java.util.Optional<String> knownWorkOrder(String machineId) {
        return orders.known(machineId).map(WorkOrder::number);
    }

    public void enrich(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        String catalogueOrder = blankToNull(message.getHeader(CounterDeltas.PRODUCTION_ORDER, String.class));
        Enrichment enrichment;
        if (body instanceof CounterReport report) {
            CounterReport complete = withOrder(report);
            message.setBody(complete);
            enrichment = new Enrichment(report.machineId(), shift(report.windowStart()), complete.productionOrder());
        } else if (body instanceof MeterWindow window) {
            enrichment = new Enrichment(window.machineId(), shift(window.windowStart()),
                    workOrder(catalogueOrder, window.machineId()));
        } else if (body instanceof AlertEvent alert) {
            enrichment = new Enrichment(alert.machineId(), shift(alert.ts()), workOrder(catalogueOrder, alert.machineId()));
        } else {
            throw new IllegalArgumentException("no document to enrich: " + (body == null ? "null" : body.getClass().getName()));
        }
        exchange.setProperty(PROPERTY, enrichment);
    }

    private CounterReport withOrder(CounterReport report) {
        String number = report.productionOrder();
        String item = report.itemCode();
        if (number == null) {
            WorkOrder order = orders.inProgress(report.machineId()).orElseThrow(() -> new WorkOrderMissingException(
                    "counter sensor " + report.sensorId() + " (" + report.key() + "): no production order: the catalogue"
                            + " entry names none (productionOrder) and " + erp + " has none in progress on machine "
                            + report.machineId()));
            number = order.number();
            item = item != null ? item : order.itemCode();
        }
        if (item == null) {
            throw new ErpRejectedException("counter sensor " + report.sensorId() + " (" + report.key()
                    + "): no item: the catalogue entry names none (itemCode) and "
                    + (report.productionOrder() == null ? erp + "'s production order " + number + " does not say"
                            : "its productionOrder " + number + " comes without one"));
        }
        return report.withOrder(number, item);
    }

    private String workOrder(String catalogueOrder, String machineId) {
        return catalogueOrder != null ? catalogueOrder : orders.inProgress(machineId).map(WorkOrder::number).orElse(null);
    }

    private String shift(Instant t) {
        return shifts.shiftAt(t).orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
