package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** schemas/reading.schema.json: what it accepts, and how it names what it refuses. */
class ReadingSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReadingSchema schema = ReadingSchema.load();

    @Test
    void theCanonicalReadingTheBridgeWritesIsValid() throws Exception {
        ReadingJson codec = new ReadingJson();
        Reading good = new Reading("press07-temp", "PRESS-07", 71.3, "Cel", Instant.parse("2026-11-24T10:15:00.123Z"),
                Quality.GOOD, "opcua", 18842);
        Reading bad = new Reading("press07-temp", "PRESS-07", null, "Cel", Instant.now(), Quality.BAD, "opcua", 0);
        assertThat(schema.violations(0, JSON.readTree(codec.toJson(good)))).isEmpty();
        assertThat(schema.violations(0, JSON.readTree(codec.toJson(bad)))).isEmpty();
    }

    @Test
    void onlyTheRequiredFieldsAreNeededAndOnlyABadReadingMayOmitItsValue() throws Exception {
        assertThat(schema.violations(0, json("""
                {"sensorId":"s","machineId":"M","value":1,"unit":"Cel","ts":"2026-11-24T10:15:00Z"}"""))).isEmpty();
        assertThat(schema.violations(0, json("""
                {"sensorId":"s","machineId":"M","unit":"Cel","ts":"2026-11-24T10:15:00Z","quality":"BAD"}"""))).isEmpty();
        assertThat(fields(schema.violations(3, json("""
                {"sensorId":"s","machineId":"M","unit":"Cel","ts":"2026-11-24T10:15:00Z","quality":"UNCERTAIN"}"""))))
                .containsExactly("3:value");
    }

    @Test
    void eachViolationNamesItsFieldOnceWithTheReason() throws Exception {
        List<ReadingSchema.Violation> violations = schema.violations(1, json("""
                {"machineId":"","value":"high","unit":"Cel","ts":"yesterday","quality":"FINE","seq":-1,"colour":"red"}"""));
        assertThat(fields(violations)).containsExactly("1:colour", "1:machineId", "1:quality", "1:sensorId", "1:seq", "1:ts", "1:value");
        assertThat(violations).allSatisfy(v -> assertThat(v.error()).isNotBlank().doesNotStartWith("$"));
    }

    @Test
    void everyTextFieldHasALengthLimitNamedWithoutEchoingTheValue() throws Exception {
        assertThat(schema.maxLengths()).containsEntry("sensorId", 200).containsEntry("machineId", 200)
                .containsEntry("unit", 64).containsEntry("ts", 64).containsEntry("source", 32);
        String tooLong = "x".repeat(100_000);
        List<ReadingSchema.Violation> violations = schema.violations(0, json("""
                {"sensorId":"%s","machineId":"%s","value":1,"unit":"%s","ts":"%s","source":"%s"}"""
                .formatted(tooLong, tooLong, tooLong, tooLong, tooLong)));
        assertThat(fields(violations)).containsExactly("0:machineId", "0:sensorId", "0:source", "0:ts", "0:unit");
        assertThat(violations).allSatisfy(v -> assertThat(v.error()).doesNotContain("xxxxxxxx").hasSizeLessThan(200));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> fields(List<ReadingSchema.Violation> violations) {
        return violations.stream().map(v -> v.index() + ":" + v.field()).toList();
    }
}
