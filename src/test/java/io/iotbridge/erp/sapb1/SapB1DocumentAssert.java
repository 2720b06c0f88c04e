package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Checks a meter document as a SAP B1 sandbox recorded it: the DI Server's SOAP envelope, or the
 * Service Layer's JSON row of U_IOT_METER, exactly as received.
 */
public final class SapB1DocumentAssert {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SapB1DocumentAssert() {
    }

    public static void assertMeterDocument(String envelope, String sensorId, List<String> readingIds) throws Exception {
        if (isJson(envelope)) {
            assertMeterRow(JSON.readTree(envelope), sensorId, readingIds);
            return;
        }
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

    private static void assertMeterRow(JsonNode row, String sensorId, List<String> readingIds) {
        assertThat(row.path("Code").asText()).startsWith(sensorId + "@").hasSizeLessThanOrEqualTo(50);
        assertThat(row.path("Name").asText()).isEqualTo(row.path("Code").asText());
        assertThat(row.path("U_SensorId").asText()).isEqualTo(sensorId);
        assertThat(row.path("U_Unit").asText()).isNotBlank();
        assertThat(row.path("U_Last").isNumber()).as("value").isTrue();
        assertThat(row.path("U_Avg").isNumber()).as("average").isTrue();
        Instant start = Instant.parse(row.path("U_WindowStart").asText());
        Instant end = Instant.parse(row.path("U_WindowEnd").asText());
        assertThat(end).isAfter(start);
        assertThat(row.path("U_Count").asLong()).isEqualTo(readingIds.size());
        assertThat(Arrays.asList(row.path("U_ReadingIds").asText().split(" "))).containsExactlyElementsOf(readingIds);
        for (String id : readingIds) {
            long ts = Long.parseLong(id.split(":")[1]);
            assertThat(Instant.ofEpochMilli(ts)).as("reading time of %s inside the window", id)
                    .isAfterOrEqualTo(start).isBefore(end);
        }
    }

    /** One field of the meter row in a recorded envelope or Service Layer row, e.g. U_Unit or U_Avg. */
    public static String meterField(String envelope, String name) throws Exception {
        if (isJson(envelope)) {
            JsonNode value = JSON.readTree(envelope).path(name);
            assertThat(value.isMissingNode()).as("field %s", name).isFalse();
            return value.asText();
        }
        return field(XmlSupport.parse(envelope), name);
    }

    /** The Service Layer's documents are JSON, the DI Server's SOAP. */
    public static boolean isJson(String body) {
        return body.stripLeading().startsWith("{");
    }

    private static String field(Document doc, String name) {
        List<Element> found = XmlSupport.elements(doc, null, name);
        assertThat(found).as("field %s", name).hasSize(1);
        return found.get(0).getTextContent();
    }
}
