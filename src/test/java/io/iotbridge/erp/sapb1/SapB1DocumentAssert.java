package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Checks a meter document as the SAP B1 sandbox recorded it: the SOAP envelope exactly as received. */
public final class SapB1DocumentAssert {

    private SapB1DocumentAssert() {
    }

    public static void assertMeterDocument(String envelope, String sensorId, List<String> readingIds) throws Exception {
        Document doc = XmlSupport.parse(envelope);
        List<Element> sessions = XmlSupport.elements(doc, null, "SessionID");
        assertThat(sessions).as("SessionID header").hasSize(1);
        assertThat(sessions.get(0).getTextContent()).isNotBlank();

        List<Element> commands = XmlSupport.elements(doc, SapB1Contract.NAMESPACE, "AddObject");
        assertThat(commands).as("AddObject command").hasSize(1);
        // the command as it travelled validates against the module's XSD
        SapB1Contract.schema().newValidator().validate(new DOMSource(commands.get(0)));

        assertThat(field(doc, "Object")).isEqualTo(SapB1Objects.METER_OBJECT.value());
        assertThat(field(doc, "U_SensorId")).isEqualTo(sensorId);
        assertThat(field(doc, "U_Unit")).isNotBlank();
        assertThat(Double.parseDouble(field(doc, "U_Last"))).as("value").isFinite();
        assertThat(Double.parseDouble(field(doc, "U_Avg"))).as("average").isFinite();
        Instant start = Instant.parse(field(doc, "U_WindowStart"));
        assertThat(Instant.parse(field(doc, "U_WindowEnd"))).isAfter(start);
        assertThat(Long.parseLong(field(doc, "U_Count"))).isEqualTo(readingIds.size());
        assertThat(Arrays.asList(field(doc, "U_ReadingIds").split(" "))).containsExactlyElementsOf(readingIds);
        for (String id : readingIds) {
            long ts = Long.parseLong(id.split(":")[1]);
            assertThat(Instant.ofEpochMilli(ts)).as("reading time of %s inside the window", id)
                    .isAfterOrEqualTo(start).isBefore(Instant.parse(field(doc, "U_WindowEnd")));
        }
    }

    /** One field of the meter row in a recorded envelope, e.g. U_Unit or U_Avg. */
    public static String meterField(String envelope, String name) throws Exception {
        return field(XmlSupport.parse(envelope), name);
    }

    private static String field(Document doc, String name) {
        List<Element> found = XmlSupport.elements(doc, null, name);
        assertThat(found).as("field %s", name).hasSize(1);
        return found.get(0).getTextContent();
    }
}
