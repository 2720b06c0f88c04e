package io.iotbridge.erp.dynamics365;

import io.iotbridge.sandbox.dynamics365.Dynamics365Sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.DocumentFixtures;
import io.iotbridge.FreePorts;
import io.iotbridge.sandbox.SandboxRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counter (MES SendMessage) and alert (maintenance request) documents: golden files, sandbox, replays. */
class Dynamics365KindsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dynamics365CounterMapper counters = new Dynamics365CounterMapper("USMF");
    private final Dynamics365AlertMapper alerts = new Dynamics365AlertMapper("Corrective");
    private final SandboxRecorder recorder = new SandboxRecorder();
    private Dynamics365Sandbox sandbox;
    private Dynamics365EnqueueClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = new Dynamics365Sandbox(FreePorts.next(), Dynamics365Fixtures.CLIENT_ID,
                Dynamics365Fixtures.CLIENT_SECRET, recorder);
        sandbox.start();
        client = new Dynamics365EnqueueClient(Dynamics365Fixtures.settings(sandbox.address(), Dynamics365Fixtures.CLIENT_SECRET));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void counterReportIsExactlyTheGoldenMessageAndItsContentValidates() throws Exception {
        MesMessage message = counters.toMessage(DocumentFixtures.counter("press08-parts-d365", "P000123", false), DocumentFixtures.enrichment("P000123"));

        assertThat(message.json()).isEqualTo(golden("dynamics365/counter-report-finished.golden.json").strip());
        JsonNode envelope = JSON.readTree(message.json());
        assertThat(envelope.get("_messageQueue").asText()).isEqualTo("JmgMES3P");
        assertThat(envelope.get("_messageType").asText()).isEqualTo("ProdProductionOrderReportFinished");
        // the content is a JSON document in a string, valid against the schema
        JsonNode content = MesMessages.parse(envelope.get("_messageContent").asText());
        MesMessages.validateContent(content);
        assertThat(MesMessages.key(content)).isEqualTo("counter:press08-parts-d365@1795515300000");
    }

    @Test
    void scrapIsReportedAsErrorQuantity() throws Exception {
        MesMessage message = counters.toMessage(DocumentFixtures.counter("press08-scrap", "P000123", true), DocumentFixtures.enrichment("P000123"));

        JsonNode line = MesMessages.parse(JSON.readTree(message.json()).get("_messageContent").asText())
                .get("ReportFinishedLines").get(0);
        assertThat(line.get("ReportedErrorQuantity").asInt()).isEqualTo(12);
        assertThat(line.get("ReportedGoodQuantity").asInt()).isZero();
    }

    @Test
    void contentBreakingTheSchemaIsRefused() {
        assertThatThrownBy(() -> MesMessages.validateContent(JSON.readTree("{\"ReportFinishedLines\":[]}")))
                .isInstanceOf(Dynamics365InvalidDocumentException.class)
                .hasMessageContaining("prod-production-order-report-finished.schema.json");
    }

    @Test
    void alertIsExactlyTheGoldenMaintenanceRequestWhichValidates() throws Exception {
        EntityDocument document = alerts.toDocument(DocumentFixtures.alert("press07-temp-alert-d365"), DocumentFixtures.enrichment());

        assertThat(document.xml()).isEqualTo(golden("dynamics365/alert-maintenance-request.golden.xml"));
        Dynamics365Schema.parseAndValidate(document.xml());
        assertThat(document.kind()).isEqualTo("alert");
        assertThat(document.key()).isEqualTo("alert:press07-temp-alert-d365:1795515302250:0");
    }

    @Test
    void sandboxRecordsCounterAndAlertOnceEachEvenWhenReplayed() {
        var counter = DocumentFixtures.counter("press08-parts-d365", "P000123", false);
        var alert = DocumentFixtures.alert("press07-temp-alert-d365");
        MesMessage message = counters.toMessage(counter, DocumentFixtures.enrichment("P000123"));
        EntityDocument request = alerts.toDocument(alert, DocumentFixtures.enrichment());

        client.sendMessage(message);
        client.enqueue(request);
        client.sendMessage(message);
        client.enqueue(request);

        assertThat(recorder.documents("dynamics365")).satisfiesExactly(
                r -> {
                    assertThat(r.kind()).isEqualTo("counter");
                    assertThat(r.key()).isEqualTo(counter.key());
                    assertThat(r.readingIds()).isEqualTo(counter.readingIds());
                    assertThat(r.body()).isEqualTo(message.json());
                },
                r -> {
                    assertThat(r.kind()).isEqualTo("alert");
                    assertThat(r.key()).isEqualTo(alert.key());
                    assertThat(r.readingIds()).isEqualTo(alert.readingIds());
                });
        assertThat(sandbox.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo("/api/connector/enqueue/{6D31E09F-0249-459F-94F0-AAD9C2C47B64}"));
    }

    private static String golden(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources", file), StandardCharsets.UTF_8);
    }
}
