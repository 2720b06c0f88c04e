package io.iotbridge.erp.sapb1;

import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import static io.iotbridge.enrich.EnrichmentFixtures.counterWithoutOrder;
import static io.iotbridge.enrich.EnrichmentFixtures.enrichmentOf;
import static io.iotbridge.enrich.EnrichmentFixtures.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.counter.CounterReport;
import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.EnrichmentFixtures;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderMissingException;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.sandbox.SandboxRecorder;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production order in progress, asked of the DI Server sandbox with ExecuteSQL over SOAP, cached per machine. */
class SapB1WorkOrdersSandboxTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final EnrichmentFixtures.MovableClock clock = new EnrichmentFixtures.MovableClock();
    private SapB1Sandbox sandbox;
    private DiServerClient client;
    private DocumentEnricher enricher;

    @BeforeEach
    void start() {
        String address = SapB1Fixtures.freeLoopbackAddress();
        sandbox = new SapB1Sandbox(address, recorder, SapB1Fixtures.LOGIN);
        sandbox.currentOrders(Map.of("PRESS-07", new WorkOrder("4711", "FG-100")));
        sandbox.start();
        client = new DiServerClient(address, SapB1Fixtures.LOGIN, Duration.ofSeconds(2), Duration.ofSeconds(5));
        enricher = new DocumentEnricher("sap-b1", EnrichmentFixtures.SHIFTS,
                new CachedWorkOrders(new SapB1WorkOrders(client), TTL, clock));
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void manyDocumentsOfAMachineCostOneLookupAndTheReceiptNamesTheOrder() {
        for (int window = 0; window < 10; window++) {
            Exchange exchange = exchange(counterWithoutOrder("press07-parts", "PRESS-07", window));
            enricher.enrich(exchange);

            CounterReport report = exchange.getMessage().getBody(CounterReport.class);
            assertThat(report.productionOrder()).isEqualTo("4711");
            assertThat(report.itemCode()).isEqualTo("FG-100");
            assertThat(enrichmentOf(exchange).workOrder()).isEqualTo("4711");
            assertThat(enrichmentOf(exchange).machineId()).isEqualTo("PRESS-07");
            if (window == 0) {
                // the looked-up order books: the sandbox validates the receipt against the XSD
                client.addObject(new SapB1CounterMapper().toAddObject(report, enrichmentOf(exchange)));
            }
        }

        assertThat(sandbox.workOrderQueries()).isEqualTo(1);
        assertThat(recorder.documents("sap-b1")).singleElement().satisfies(r -> assertThat(r.body())
                .contains("<BaseEntry>4711</BaseEntry>", "<ItemCode>FG-100</ItemCode>", "<U_MachineId>PRESS-07</U_MachineId>"));
    }

    @Test
    void afterTheTimeToLiveTheNextDocumentAsksAgain() {
        enricher.enrich(exchange(counterWithoutOrder("press07-parts", "PRESS-07", 0)));
        clock.advance(TTL.minusSeconds(1));
        enricher.enrich(exchange(counterWithoutOrder("press07-parts", "PRESS-07", 1)));
        assertThat(sandbox.workOrderQueries()).isEqualTo(1);

        // the plant releases the next order; the bridge sees it once the cached answer expired
        sandbox.currentOrders(Map.of("PRESS-07", new WorkOrder("4712", "FG-200")));
        clock.advance(Duration.ofSeconds(1));
        Exchange exchange = exchange(counterWithoutOrder("press07-parts", "PRESS-07", 2));
        enricher.enrich(exchange);

        assertThat(sandbox.workOrderQueries()).isEqualTo(2);
        assertThat(exchange.getMessage().getBody(CounterReport.class).productionOrder()).isEqualTo("4712");
    }

    @Test
    void aCounterWithoutOrderOnAMachineWithoutOneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> enricher.enrich(exchange(counterWithoutOrder("press09-parts", "PRESS-09", 0))))
                .isInstanceOf(WorkOrderMissingException.class)
                .hasMessageContaining("counter sensor press09-parts")
                .hasMessageContaining("the catalogue entry names none (productionOrder) and sap-b1 has none in progress on machine PRESS-09");
        // a meter window of that machine simply carries no work order
        MeterWindow w = SapB1Fixtures.window();
        Exchange meter = exchange(new MeterWindow(w.sensorId(), "PRESS-09", w.unit(), w.windowStart(), w.windowEnd(),
                w.min(), w.max(), w.avg(), w.last(), w.count(), w.quality(), w.readingIds()));
        enricher.enrich(meter);
        assertThat(enrichmentOf(meter).workOrder()).isNull();
        assertThat(sandbox.workOrderQueries()).as("'no order' is cached too").isEqualTo(1);
    }

    @Test
    void theCataloguesOrderWinsAndNeedsNoLookup() {
        CounterReport named = counterWithoutOrder("press07-parts", "PRESS-07", 0).withOrder("4800", "FG-300");
        Exchange exchange = exchange(named);
        enricher.enrich(exchange);

        assertThat(exchange.getMessage().getBody(CounterReport.class).productionOrder()).isEqualTo("4800");
        assertThat(sandbox.workOrderQueries()).isZero();
    }
}
