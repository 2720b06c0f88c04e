package io.iotbridge.erp.infor;

import static io.iotbridge.enrich.EnrichmentFixtures.counterWithoutOrder;
import static io.iotbridge.enrich.EnrichmentFixtures.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.EnrichmentFixtures;
import io.iotbridge.enrich.WorkOrderMissingException;
import io.iotbridge.enrich.WorkOrderTable;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Infor's work orders come from the configured table bridge.erp.infor.orders. */
class InforWorkOrdersTest {

    private final DocumentEnricher enricher = new DocumentEnricher("infor", EnrichmentFixtures.SHIFTS, new CachedWorkOrders(
            new InforWorkOrders(WorkOrderTable.parse("bridge.erp.infor.orders", "PRESS-08=JOB-1001/FG-100, CNC-03=JOB-2002")),
            Duration.ZERO, Clock.systemUTC()));

    @Test
    void aCounterWithoutOrderTakesTheMachinesOrderFromTheTableAndTheTimesheetNamesIt() {
        Exchange exchange = exchange(counterWithoutOrder("press08-parts-infor", "PRESS-08", 0));
        enricher.enrich(exchange);

        CounterReport report = exchange.getMessage().getBody(CounterReport.class);
        assertThat(report.productionOrder()).isEqualTo("JOB-1001");
        assertThat(report.itemCode()).isEqualTo("FG-100");
        String bod = new InforCounterMapper(InforFixtures.SENDER, InforFixtures.CLOCK)
                .toDocument(report, EnrichmentFixtures.enrichmentOf(exchange)).bod();
        assertThat(bod).contains("<ID accountingEntity=\"1000\">JOB-1001</ID>",
                "<NameValue name=\"iot.ProductionOrder\" type=\"StringType\">JOB-1001</NameValue>",
                "<NameValue name=\"iot.MachineID\" type=\"StringType\">PRESS-08</NameValue>");
    }

    @Test
    void anOrderWithoutItemAndNoItemInTheCatalogueIsRefusedNamingBoth() {
        assertThatThrownBy(() -> enricher.enrich(exchange(counterWithoutOrder("cnc03-parts", "CNC-03", 0))))
                .hasMessageContaining("no item: the catalogue entry names none (itemCode) and infor's production order JOB-2002 does not say");
        assertThatThrownBy(() -> enricher.enrich(exchange(counterWithoutOrder("cnc04-parts", "CNC-04", 0))))
                .isInstanceOf(WorkOrderMissingException.class).hasMessageContaining("infor has none in progress on machine CNC-04");
    }

    @Test
    void aBrokenTableNamesThePropertyAndTheEntry() {
        assertThatThrownBy(() -> WorkOrderTable.parse("bridge.erp.infor.orders", "PRESS-08=JOB-1, PRESS-09"))
                .hasMessage("bridge.erp.infor.orders: entry 'PRESS-09' is not <machine>=<order>[/<item>]");
        assertThatThrownBy(() -> WorkOrderTable.parse("bridge.erp.infor.orders", "PRESS-08=JOB-1, PRESS-08=JOB-2"))
                .hasMessage("bridge.erp.infor.orders: machine PRESS-08 is listed twice");
    }
}
