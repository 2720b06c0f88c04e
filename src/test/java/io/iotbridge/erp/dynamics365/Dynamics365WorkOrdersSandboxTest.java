package io.iotbridge.erp.dynamics365;

import io.iotbridge.sandbox.dynamics365.Dynamics365Sandbox;
import static io.iotbridge.enrich.EnrichmentFixtures.counterWithoutOrder;
import static io.iotbridge.enrich.EnrichmentFixtures.enrichmentOf;
import static io.iotbridge.enrich.EnrichmentFixtures.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.FreePorts;
import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.EnrichmentFixtures;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderMissingException;
import io.iotbridge.sandbox.SandboxRecorder;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production order in progress, read from the sandbox's OData ProductionOrderHeaders over HTTP, cached per machine. */
class Dynamics365WorkOrdersSandboxTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final EnrichmentFixtures.MovableClock clock = new EnrichmentFixtures.MovableClock();
    private Dynamics365Sandbox sandbox;
    private Dynamics365EnqueueClient client;
    private DocumentEnricher enricher;

    @BeforeEach
    void start() throws Exception {
        sandbox = new Dynamics365Sandbox(FreePorts.next(), Dynamics365Fixtures.CLIENT_ID,
                Dynamics365Fixtures.CLIENT_SECRET, recorder);
        sandbox.currentOrders(Map.of("PRESS-08", new WorkOrder("P000123", "FG-100")));
        sandbox.start();
        client = new Dynamics365EnqueueClient(Dynamics365Fixtures.settings(sandbox.address(), Dynamics365Fixtures.CLIENT_SECRET));
        enricher = new DocumentEnricher("dynamics365", EnrichmentFixtures.SHIFTS,
                new CachedWorkOrders(new Dynamics365WorkOrders(client), TTL, clock));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void manyDocumentsOfAMachineCostOneLookupAndTheMesReportNamesTheOrder() {
        for (int window = 0; window < 10; window++) {
            Exchange exchange = exchange(counterWithoutOrder("press08-parts-d365", "PRESS-08", window));
            enricher.enrich(exchange);

            CounterReport report = exchange.getMessage().getBody(CounterReport.class);
            assertThat(report.productionOrder()).isEqualTo("P000123");
            assertThat(report.itemCode()).isEqualTo("FG-100");
            if (window == 0) {
                client.sendMessage(new Dynamics365CounterMapper("USMF").toMessage(report, enrichmentOf(exchange)));
            }
        }

        assertThat(sandbox.workOrderLookups()).isEqualTo(1);
        assertThat(recorder.documents("dynamics365")).singleElement().satisfies(r -> assertThat(r.body())
                .contains("\\\"ProductionOrderNumber\\\":\\\"P000123\\\"", "\\\"MachineId\\\":\\\"PRESS-08\\\""));
    }

    @Test
    void afterTheTimeToLiveTheNextDocumentAsksAgain() {
        enricher.enrich(exchange(counterWithoutOrder("press08-parts-d365", "PRESS-08", 0)));
        sandbox.currentOrders(Map.of("PRESS-08", new WorkOrder("P000124", "FG-100")));
        clock.advance(TTL);
        Exchange exchange = exchange(counterWithoutOrder("press08-parts-d365", "PRESS-08", 1));
        enricher.enrich(exchange);

        assertThat(sandbox.workOrderLookups()).isEqualTo(2);
        assertThat(exchange.getMessage().getBody(CounterReport.class).productionOrder()).isEqualTo("P000124");
    }

    @Test
    void aCounterWithoutOrderOnAMachineWithoutOneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> enricher.enrich(exchange(counterWithoutOrder("press09-parts", "PRESS-09", 0))))
                .isInstanceOf(WorkOrderMissingException.class)
                .hasMessageContaining("dynamics365 has none in progress on machine PRESS-09");
    }

    @Test
    void theSandboxAnswersOnlyTheLookupsFilter() {
        var uri = java.net.URI.create(sandbox.address() + "/data/ProductionOrderHeaders?%24filter=true");

        assertThatThrownBy(() -> client.get(uri, "a foreign filter")).isInstanceOf(Dynamics365RejectedException.class)
                .hasMessageContaining("only the bridge's production order filter");
        assertThat(Dynamics365WorkOrders.uri("https://contoso.operations.dynamics.com", "USMF", "O'Brien-1").toString())
                .isEqualTo("https://contoso.operations.dynamics.com/data/ProductionOrderHeaders?%24filter=dataAreaId%20eq%20"
                        + "%27usmf%27%20and%20ProductionOrderStatus%20eq%20Microsoft.Dynamics.DataEntities.ProdStatus%27StartedUp%27"
                        + "%20and%20ProductionResourceId%20eq%20%27O%27%27Brien-1%27&%24select=ProductionOrderNumber,ItemNumber&%24top=1");
    }
}
