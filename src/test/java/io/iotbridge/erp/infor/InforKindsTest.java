package io.iotbridge.erp.infor;

import io.iotbridge.sandbox.infor.ReceivedBod;
import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.DocumentFixtures;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

/** Counter (Sync.EmployeeTimesheet) and alert (Process.MaintenanceOrder) BODs: golden files. */
class InforKindsTest {

    private final InforCounterMapper counters = new InforCounterMapper(InforFixtures.SENDER, InforFixtures.CLOCK);
    private final InforAlertMapper alerts = new InforAlertMapper(InforFixtures.SENDER, InforFixtures.CLOCK);

    @Test
    void counterReportBecomesTheGoldenSyncEmployeeTimesheet() throws Exception {
        var counter = DocumentFixtures.counter("press08-parts-infor", "4712", false);
        ImsDocument document = counters.toDocument(counter, DocumentFixtures.enrichment("4712"));

        assertThat(document.documentName()).isEqualTo("Sync.EmployeeTimesheet");
        assertThat(document.messageId()).isEqualTo("counter:press08-parts-infor@1795515300000");
        String golden = golden("infor/sync-employee-timesheet.golden.xml");
        assertThat(document.bod()).isEqualTo(golden);
        InforContract.validator().validate(new StreamSource(new StringReader(golden)));
        ReceivedBod bod = ReceivedBod.read(golden);
        assertThat(bod.documentName()).isEqualTo(InforDocuments.COUNTER_DOCUMENT);
        assertThat(bod.documentId()).isEqualTo(counter.key());
        assertThat(bod.readingIds()).isEqualTo(counter.readingIds());
    }

    @Test
    void scrapCountersReportScrappedQuantity() {
        String bod = counters.toDocument(DocumentFixtures.counter("press08-scrap", "4712", true), DocumentFixtures.enrichment("4712")).bod();

        assertThat(bod).contains("<CompletedQuantity unitCode=\"1\">0</CompletedQuantity>",
                "<ScrappedQuantity unitCode=\"1\">12</ScrappedQuantity>");
    }

    @Test
    void alertBecomesTheGoldenProcessMaintenanceOrder() throws Exception {
        var alert = DocumentFixtures.alert("press07-temp-alert-infor");
        ImsDocument document = alerts.toDocument(alert, DocumentFixtures.enrichment());

        assertThat(document.documentName()).isEqualTo("Process.MaintenanceOrder");
        assertThat(document.messageId()).isEqualTo(alert.key());
        String golden = golden("infor/process-maintenance-order.golden.xml");
        assertThat(document.bod()).isEqualTo(golden);
        InforContract.validator().validate(new StreamSource(new StringReader(golden)));
        ReceivedBod bod = ReceivedBod.read(golden);
        assertThat(bod.documentName()).isEqualTo(InforDocuments.ALERT_DOCUMENT);
        assertThat(bod.readingIds()).isEqualTo(alert.readingIds());
    }

    private static String golden(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources", file), StandardCharsets.UTF_8);
    }
}
