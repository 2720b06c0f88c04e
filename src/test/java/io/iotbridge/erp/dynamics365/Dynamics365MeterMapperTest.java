package io.iotbridge.erp.dynamics365;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dynamics365MeterMapperTest {

    private final Dynamics365MeterMapper mapper = new Dynamics365MeterMapper();

    @Test
    void meterWindowMarshalsExactlyToTheGoldenFileWhichValidates() throws Exception {
        String golden = Files.readString(Path.of("src/test/resources/dynamics365/meter-asset-counter.golden.xml"),
                StandardCharsets.UTF_8);

        EntityDocument document = mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment());

        assertThat(document.xml()).isEqualTo(golden);
        Dynamics365Schema.parseAndValidate(golden);
        assertThat(document.kind()).isEqualTo("meter");
        assertThat(document.key()).isEqualTo("meter:press08-vib-d365@1795515300000.123");
        assertThat(document.readingIds()).isEqualTo(Dynamics365Fixtures.window().readingIds());
    }

    @Test
    void aWindowWithoutValuesOmitsTheStatisticsAndStillValidates() {
        MeterWindow bad = new MeterWindow("press08-vib-d365", "PRESS-08", "mm/s", Dynamics365Fixtures.WINDOW_START,
                Dynamics365Fixtures.WINDOW_START.plusSeconds(60), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                1, Quality.BAD, List.of("press08-vib-d365:1795515300123:0"));

        String xml = mapper.toDocument(bad, Dynamics365Fixtures.enrichment()).xml();

        assertThat(xml).doesNotContain("MINVALUE", "AVERAGEVALUE", "LASTVALUE").contains("<QUALITY>BAD</QUALITY>");
        Dynamics365Schema.parseAndValidate(xml);
    }

    @Test
    void aDocumentThatBreaksTheSchemaNeverLeavesTheMapper() {
        MeterWindow noReadings = new MeterWindow("press08-vib-d365", "PRESS-08", "mm/s",
                Dynamics365Fixtures.WINDOW_START, Dynamics365Fixtures.WINDOW_START.plusSeconds(60),
                1, 1, 1, 1, 0, Quality.GOOD, List.of());

        assertThatThrownBy(() -> mapper.toDocument(noReadings, Dynamics365Fixtures.enrichment()))
                .isInstanceOf(Dynamics365InvalidDocumentException.class)
                .hasMessageContaining("dmf-document.xsd");
    }

    @Test
    void aReceivedFileWithADoctypeIsRefusedWithoutResolvingIt() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Document><ENTASSETCOUNTERREGISTRATIONENTITY><EXTERNALID>&secret;</EXTERNALID>
                </ENTASSETCOUNTERREGISTRATIONENTITY></Document>""";

        assertThatThrownBy(() -> Dynamics365Schema.parseAndValidate(xxe))
                .isInstanceOf(Dynamics365InvalidDocumentException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void settingsNeverShowTheSecretAndEncodeTheEnqueueUri() {
        Dynamics365Settings settings = Dynamics365Fixtures.settings("https://contoso.operations.dynamics.com/",
                Dynamics365Fixtures.CLIENT_SECRET);

        assertThat(settings.toString()).doesNotContain(Dynamics365Fixtures.CLIENT_SECRET).contains("clientSecret=****");
        assertThat(settings.scope()).isEqualTo("https://contoso.operations.dynamics.com/.default");
        assertThat(settings.enqueueUri("Asset counter registrations")).hasToString(
                "https://contoso.operations.dynamics.com/api/connector/enqueue/%7B6D31E09F-0249-459F-94F0-AAD9C2C47B64%7D"
                        + "?entity=Asset%20counter%20registrations&company=USMF");
    }
}
