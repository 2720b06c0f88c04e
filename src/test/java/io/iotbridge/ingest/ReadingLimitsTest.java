package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.erp.DecimalLimit;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.erp.sapb1.SapB1Contract;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reading outside the plausible time range, or with a value its ERP's fields cannot hold, is
 * refused at ingest with a reason naming the limit; nothing about it overflows on the way.
 */
class ReadingLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final ReadingLimits limits = new ReadingLimits(Duration.ofMinutes(5), Duration.ofHours(168),
            Clock.fixed(NOW, ZoneOffset.UTC), erp -> erp.equals("sap-b1")
                    ? Optional.of(new ErpModule("sap-b1", true, SapB1Contract.quantityLimit())) : Optional.empty(), ReadingSchema.load().maxLengths());
    private final SensorReadings readings = new SensorReadings(new ReadingJson(), limits);

    @Test
    void sapB1sLimitIsReadFromItsSchema() {
        assertThat(SapB1Contract.quantityLimit()).isEqualTo(new DecimalLimit(19, 6));
    }

    @Test
    void aTimestampAtTheEndOfTimeIsRefusedWithoutOverflowing() {
        assertThatThrownBy(() -> readings.fromMqttJson(json("+1000000000-12-31T23:59:59Z", "1"), "s1", "M1", "Cel", "Cel", "sap-b1"))
                .isInstanceOfSatisfying(ReadingRejectedException.class, e -> assertThat(e.reason()).isEqualTo("implausible-time"))
                .hasMessageContaining("bridge.readings.max-future");
    }

    @Test
    void readingsDated9999OrYear1000AreRefusedNamingTheirLimit() {
        assertThatThrownBy(() -> readings.fromHttpJson(json("9999-12-31T23:59:59Z", "1"), "s1", "M1", "Cel", "Cel", "sap-b1"))
                .isInstanceOfSatisfying(ReadingRejectedException.class, e -> assertThat(e.reason()).isEqualTo("implausible-time"))
                .hasMessageContaining("ahead of the bridge's clock");
        assertThatThrownBy(() -> readings.fromHttpJson(json("1000-01-01T00:00:00Z", "1"), "s1", "M1", "Cel", "Cel", "sap-b1"))
                .isInstanceOfSatisfying(ReadingRejectedException.class, e -> assertThat(e.reason()).isEqualTo("implausible-time"))
                .hasMessageContaining("bridge.readings.max-age");
    }

    @Test
    void readingsWithinTheRangeAreTaken() {
        assertThat(readings.fromHttpJson(json("2026-12-07T10:04:59Z", "1"), "s1", "M1", "Cel", "Cel", "sap-b1").value()).isEqualTo(1.0);
        assertThat(readings.fromHttpJson(json("2026-11-30T10:00:01Z", "1"), "s1", "M1", "Cel", "Cel", "sap-b1").value()).isEqualTo(1.0);
    }

    @Test
    void aValueBeyondTheErpFieldsDigitsIsRefusedForThatErpOnly() {
        assertThatThrownBy(() -> readings.fromHttpJson(json("2026-12-07T10:00:00Z", "1e308"), "s1", "M1", "Cel", "Cel", "sap-b1"))
                .isInstanceOfSatisfying(ReadingRejectedException.class, e -> assertThat(e.reason()).isEqualTo("out-of-range"))
                .hasMessageContaining("sap-b1 field (at most 9999999999999.999999)");
        assertThat(readings.fromHttpJson(json("2026-12-07T10:00:00Z", "1e15"), "s1", "M1", "Cel", "Cel", "infor").value())
                .as("Infor's decimals set no total digits").isEqualTo(1e15);
        assertThat(readings.fromHttpJson(json("2026-12-07T10:00:00Z", "9999999999999.4"), "s1", "M1", "Cel", "Cel", "sap-b1").value())
                .isEqualTo(9999999999999.4);
    }

    @Test
    void aDecimalLimitCountsIntegerDigitsAfterRounding() {
        DecimalLimit limit = new DecimalLimit(19, 6);
        assertThat(limit.holds(-9_999_999_999_999.0)).isTrue();
        assertThat(limit.holds(1e13)).isFalse();
        assertThat(limit.holds(9_999_999_999_999.9999999)).as("rounds up to 14 digits").isFalse();
        assertThat(limit.holds(Double.NaN)).isFalse();
        assertThat(limit.holds(0.0000001)).isTrue();
    }

    @Test
    void aBadReadingWithoutValueIsOnlyCheckedForItsTime() {
        limits.check(new Reading("s1", "M1", null, "Cel", NOW, Quality.BAD, "mqtt", 0), "sap-b1");
    }

    private static String json(String ts, String value) {
        return """
                {"sensorId":"s1","machineId":"M1","value":%s,"unit":"Cel","ts":"%s","seq":1}""".formatted(value, ts);
    }
}
