package io.iotbridge.erp.infor;

import io.iotbridge.sandbox.infor.ReceivedBod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

class InforMeterMapperTest {

    private final InforMeterMapper mapper = new InforMeterMapper(InforFixtures.SENDER, InforFixtures.CLOCK);

    @Test
    void meterWindowBecomesTheGoldenSyncSensorReading() throws Exception {
        ImsDocument document = mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment());

        assertThat(document.documentName()).isEqualTo("Sync.SensorReading");
        assertThat(document.messageId()).isEqualTo("press08-temp-infor@1795515300000.123");
        assertThat(document.bod()).isEqualTo(golden("infor/sync-sensor-reading.xml"));
    }

    @Test
    void goldenFileIsValidAgainstTheSchema() throws Exception {
        String golden = golden("infor/sync-sensor-reading.xml");
        assertThatCode(() -> InforContract.validator().validate(new StreamSource(new StringReader(golden))))
                .doesNotThrowAnyException();
        ReceivedBod bod = ReceivedBod.read(golden);
        assertThat(bod.documentName()).isEqualTo("Sync.SensorReading");
        assertThat(bod.readingIds()).isEqualTo(InforFixtures.window().readingIds());
    }

    @Test
    void replayedWindowHasTheSameKeyAndBodId() {
        InforMeterMapper later = new InforMeterMapper(InforFixtures.SENDER,
                java.time.Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), java.time.ZoneOffset.UTC));
        var first = mapper.toBod(InforFixtures.window(), InforFixtures.enrichment());
        var replay = later.toBod(InforFixtures.window(), InforFixtures.enrichment());
        assertThat(replay.getApplicationArea().getBODID()).isEqualTo(first.getApplicationArea().getBODID())
                .isEqualTo("infor-nid:ACME_PRD:1000::press08-temp-infor@1795515300000.123:1"
                        + "?SensorReading&verb=Sync&variationID=1");
    }

    @Test
    void windowOfBadReadingsWithoutValuesCarriesNoStatisticsButAllIds() {
        Instant start = InforFixtures.WINDOW_START;
        MeterWindow bad = new MeterWindow("press08-temp-infor", "PRESS-08", "Cel", start, start.plusSeconds(60),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2, Quality.BAD,
                List.of("press08-temp-infor:1:0", "press08-temp-infor:2:0"));

        ReceivedBod bod = ReceivedBod.read(mapper.toDocument(bad, InforFixtures.enrichment()).bod());

        assertThat(bod.readingIds()).containsExactly("press08-temp-infor:1:0", "press08-temp-infor:2:0");
        assertThat(mapper.toBod(bad, InforFixtures.enrichment()).getDataArea().getSensorReading().getAverageValue()).isNull();
    }

    @Test
    void keyPartsThatWouldBreakTheBodIdAreEncoded() {
        assertThat(InforDocuments.bodId("T", "", "", "a:b?c&d%", "SensorReading", "Sync"))
                .isEqualTo("infor-nid:T:::a%3Ab%3Fc%26d%25:1?SensorReading&verb=Sync&variationID=1");
    }

    static String golden(String resource) throws IOException {
        try (InputStream in = InforMeterMapperTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
