package io.iotbridge.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingJsonTest {

    private final ReadingJson json = new ReadingJson();

    @Test
    void parsesTheCanonicalReadingAndKeepsItsStableId() {
        Reading r = json.parse("""
                {"sensorId":"press07-temp","machineId":"PRESS-07","value":71.3,"unit":"Cel",
                 "ts":"2026-11-24T10:15:00.123Z","quality":"GOOD","source":"opcua","seq":18842}""");
        assertThat(r).isEqualTo(new Reading("press07-temp", "PRESS-07", 71.3, "Cel",
                Instant.parse("2026-11-24T10:15:00.123Z"), Quality.GOOD, "opcua", 18842));
        assertThat(r.id()).isEqualTo("press07-temp:1795515300123:18842");
    }

    @Test
    void roundTripsThroughItsOwnJson() {
        Reading r = new Reading("s", "M", null, "h", Instant.parse("2026-11-24T10:15:00Z"), Quality.BAD, "mqtt", 3);
        assertThat(json.parse(json.toJson(r))).isEqualTo(r);
        assertThat(json.toJson(r)).contains("\"ts\":\"2026-11-24T10:15:00Z\"");
    }

    @Test
    void namesTheFieldAndTheReasonOfEveryRefusal() {
        assertRefused("not json{", "unparseable", "not JSON");
        assertRefused("[1,2]", "unparseable", "not a JSON object");
        assertRefused("{\"machineId\":\"M\",\"value\":1,\"unit\":\"Cel\",\"ts\":\"2026-11-24T10:15:00Z\"}",
                "missing-field", "'sensorId'");
        assertRefused("{\"sensorId\":\"s\",\"machineId\":\"M\",\"value\":\"hot\",\"unit\":\"Cel\",\"ts\":\"2026-11-24T10:15:00Z\"}",
                "invalid-field", "'value' is not a number");
        assertRefused("{\"sensorId\":\"s\",\"machineId\":\"M\",\"value\":1,\"unit\":\"Cel\",\"ts\":\"yesterday\"}",
                "invalid-field", "'ts'");
        assertRefused("{\"sensorId\":\"s\",\"machineId\":\"M\",\"unit\":\"Cel\",\"ts\":\"2026-11-24T10:15:00Z\"}",
                "missing-field", "only a BAD reading");
        assertRefused("{\"sensorId\":\"s\",\"machineId\":\"M\",\"value\":1,\"unit\":\"Cel\",\"ts\":\"2026-11-24T10:15:00Z\",\"quality\":\"OK\"}",
                "invalid-field", "GOOD, UNCERTAIN or BAD");
    }

    @Test
    void aBadReadingMayComeWithoutAValue() {
        Reading r = json.parse("{\"sensorId\":\"s\",\"machineId\":\"M\",\"unit\":\"Cel\",\"ts\":\"2026-11-24T10:15:00Z\",\"quality\":\"BAD\"}");
        assertThat(r.value()).isNull();
        assertThat(r.quality()).isEqualTo(Quality.BAD);
    }

    private void assertRefused(String payload, String reason, String messagePart) {
        assertThatThrownBy(() -> json.parse(payload))
                .isInstanceOfSatisfying(ReadingRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
