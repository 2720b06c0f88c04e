package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.DocumentFixtures;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.MeterTableRow;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;

class SapB1MeterMapperTest {

    private final SapB1MeterMapper mapper = new SapB1MeterMapper();

    @Test
    void meterWindowMarshalsToTheGoldenFileAndValidates() throws Exception {
        String actual = marshal(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()));
        String golden = Files.readString(Path.of("src/test/resources/sap-b1/meter-addobject.golden.xml"),
                StandardCharsets.UTF_8);

        assertThat(XmlSupport.normalized(actual)).isEqualTo(XmlSupport.normalized(golden));
        SapB1Contract.schema().newValidator().validate(new StreamSource(new StringReader(golden)));
        SapB1Contract.schema().newValidator().validate(new StreamSource(new StringReader(actual)));
    }

    @Test
    void codeIsDeterministicAndFitsSapsFiftyCharacters() {
        String longId = "line-3-cell-12-press-07-hydraulic-oil-temperature-sensor-a";
        Instant start = SapB1Fixtures.WINDOW_START;
        String part = start.toEpochMilli() + ".123";

        String code = SapB1MeterMapper.meterCode(longId, part);

        assertThat(code).hasSizeLessThanOrEqualTo(50).endsWith("@1795515300000.123")
                .isEqualTo(SapB1MeterMapper.meterCode(longId, part))
                .isNotEqualTo(SapB1MeterMapper.meterCode(longId + "-b", part));
        assertThat(SapB1MeterMapper.meterCode("press07-temp", part)).isEqualTo("press07-temp@1795515300000.123");
        SapB1Contract.validate(mapper.toAddObject(SapB1Fixtures.window(longId, start), DocumentFixtures.enrichment()));
    }

    @Test
    void numbersArePlainDecimalsAndAbsentWhenNotFinite() {
        assertThat(SapB1MeterMapper.quantity(1e-7)).hasToString("0");
        assertThat(SapB1MeterMapper.quantity(1200.0).toPlainString()).isEqualTo("1200");
        assertThat(SapB1MeterMapper.quantity(0.0000015).toPlainString()).isEqualTo("0.000002");
        assertThat(SapB1MeterMapper.quantity(Double.NaN)).isNull();

        MeterWindow bad = new MeterWindow("press07-temp", "PRESS-07", "Cel", SapB1Fixtures.WINDOW_START,
                SapB1Fixtures.WINDOW_START.plusSeconds(60), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                1, Quality.BAD, List.of("press07-temp:1795515300123:1"));
        AddObject command = mapper.toAddObject(bad, DocumentFixtures.enrichment());
        MeterTableRow row = command.getBOM().getBO().getUserTable().getRow();
        assertThat(row.getUMin()).isNull();
        assertThat(row.getUAvg()).isNull();
        SapB1Contract.validate(command);
    }

    @Test
    void aDocumentWithoutCodeDoesNotValidate() {
        AddObject command = mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment());
        command.getBOM().getBO().getUserTable().getRow().setCode(null);

        assertThatThrownBy(() -> SapB1Contract.validate(command))
                .isInstanceOf(SapB1InvalidDocumentException.class)
                .hasMessageContaining("Code");
    }

    @Test
    void loginNeverShowsPasswords() {
        assertThat(SapB1Fixtures.LOGIN.toString())
                .doesNotContain("db-secret-for-tests", "b1-secret-for-tests")
                .contains("manager", "SBODEMOUS");
    }

    private static String marshal(AddObject command) throws Exception {
        Marshaller marshaller = SapB1Contract.jaxbContext().createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
        StringWriter out = new StringWriter();
        marshaller.marshal(command, out);
        return out.toString();
    }
}
