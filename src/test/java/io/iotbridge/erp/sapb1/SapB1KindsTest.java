package io.iotbridge.erp.sapb1;

import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.DocumentFixtures;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.sandbox.SandboxRecorder;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counter (Receipt from Production) and alert (Service Call) documents: golden files, sandbox, replays. */
class SapB1KindsTest {

    private final SapB1CounterMapper counters = new SapB1CounterMapper();
    private final SapB1AlertMapper alerts = new SapB1AlertMapper("C20000");
    private final SandboxRecorder recorder = new SandboxRecorder();
    private SapB1Sandbox sandbox;
    private DiServerClient client;

    @BeforeEach
    void start() {
        String address = SapB1Fixtures.freeLoopbackAddress();
        sandbox = new SapB1Sandbox(address, recorder, SapB1Fixtures.LOGIN);
        sandbox.start();
        client = new DiServerClient(address, SapB1Fixtures.LOGIN, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void counterReportMarshalsToTheGoldenReceiptFromProductionWhichValidates() throws Exception {
        assertGolden(counters.toAddObject(DocumentFixtures.counter("press07-parts", "4711", false), DocumentFixtures.enrichment()),
                "sap-b1/counter-addobject.golden.xml");
    }

    @Test
    void scrapCountersAreRejectedQuantity() {
        String xml = marshal(counters.toAddObject(DocumentFixtures.counter("press07-scrap", "4711", true), DocumentFixtures.enrichment()));

        assertThat(xml).contains("<TransactionType>botrntReject</TransactionType>");
    }

    @Test
    void alertMarshalsToTheGoldenServiceCallWhichValidates() throws Exception {
        assertGolden(alerts.toAddObject(DocumentFixtures.alert("press07-temp-alert"), DocumentFixtures.enrichment()), "sap-b1/alert-addobject.golden.xml");
    }

    @Test
    void aProductionOrderThatIsNoDocEntryIsRefusedBeforeSending() {
        assertThatThrownBy(() -> counters.toAddObject(DocumentFixtures.counter("press07-parts", "P000123", false), DocumentFixtures.enrichment()))
                .isInstanceOf(SapB1InvalidDocumentException.class).hasMessageContaining("P000123");
    }

    @Test
    void counterAndAlertAreRecordedWithDocEntryKeysAndAReplayIsAcceptedOnce() {
        var counter = DocumentFixtures.counter("press07-parts", "4711", false);
        var alert = DocumentFixtures.alert("press07-temp-alert");

        String counterEntry = client.addObject(counters.toAddObject(counter, DocumentFixtures.enrichment()));
        String alertEntry = client.addObject(alerts.toAddObject(alert, DocumentFixtures.enrichment()));
        String counterReplay = client.addObject(counters.toAddObject(counter, DocumentFixtures.enrichment()));
        String alertReplay = client.addObject(alerts.toAddObject(alert, DocumentFixtures.enrichment()));

        assertThat(recorder.documents("sap-b1")).hasSize(2).satisfiesExactly(
                r -> {
                    assertThat(r.kind()).isEqualTo("counter");
                    assertThat(r.key()).isEqualTo(counterEntry).matches("\\d+");
                    assertThat(r.readingIds()).isEqualTo(counter.readingIds());
                },
                r -> {
                    assertThat(r.kind()).isEqualTo("alert");
                    assertThat(r.key()).isEqualTo(alertEntry).matches("\\d+");
                    assertThat(r.readingIds()).isEqualTo(alert.readingIds());
                });
        // a replay is answered with SAP's duplicate error, which the client counts as accepted
        assertThat(counterReplay).isEqualTo(counter.key());
        assertThat(alertReplay).isEqualTo(alert.key());
    }

    @Test
    void iotKeysFitTheUserField() {
        String longKey = "counter:" + "x".repeat(120) + "@1795515300000";

        assertThat(SapB1Keys.iotKey(longKey)).hasSize(SapB1Keys.MAX_IOT_KEY).isEqualTo(SapB1Keys.iotKey(longKey));
        assertThat(SapB1Keys.iotKey("counter:a@1")).isEqualTo("counter:a@1");
    }

    private static void assertGolden(AddObject command, String golden) throws Exception {
        String actual = marshal(command);
        String expected = Files.readString(Path.of("src/test/resources", golden), StandardCharsets.UTF_8);

        assertThat(XmlSupport.normalized(actual)).isEqualTo(XmlSupport.normalized(expected));
        SapB1Contract.schema().newValidator().validate(new StreamSource(new StringReader(expected)));
    }

    static String marshal(AddObject command) {
        try {
            Marshaller marshaller = SapB1Contract.jaxbContext().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setSchema(SapB1Contract.schema());
            StringWriter out = new StringWriter();
            marshaller.marshal(command, out);
            return out.toString();
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
