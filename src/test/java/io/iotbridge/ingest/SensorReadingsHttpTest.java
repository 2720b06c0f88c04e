package io.iotbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A posted reading becomes a canonical reading of source http, in the ERP field's unit. */
class SensorReadingsHttpTest {

    private final SensorReadings readings = new SensorReadings(new ReadingJson(), new ReadingLimits(Duration.ofMinutes(5),
            Duration.ofDays(7), Clock.fixed(Instant.parse("2026-11-25T10:01:00Z"), ZoneOffset.UTC), erp -> Optional.empty(),
            ReadingSchema.load().maxLengths()));

    @Test
    void aPostedReadingIsOfSourceHttpAndConvertedToTheFieldUnit() {
        Reading r = readings.fromHttpJson("""
                {"sensorId":"em01","machineId":"X","value":1500,"unit":"W.h","ts":"2026-11-25T10:00:00Z","seq":3,"source":"mqtt"}""",
                "em01", "PRESS-07", "W.h", "kW.h", "sap-b1");
        assertThat(r.source()).isEqualTo("http");
        assertThat(r.machineId()).as("the catalogue's machine").isEqualTo("PRESS-07");
        assertThat(r.unit()).isEqualTo("kW.h");
        assertThat(r.value()).isEqualTo(1.5);
        assertThat(r.id()).isEqualTo("em01:" + Instant.parse("2026-11-25T10:00:00Z").toEpochMilli() + ":3");
    }

    @Test
    void aReadingInAnotherUnitThanTheCataloguesIsRefused() {
        assertThatThrownBy(() -> readings.fromHttpJson("""
                {"sensorId":"em01","machineId":"X","value":1,"unit":"kW.h","ts":"2026-11-25T10:00:00Z"}""",
                "em01", "PRESS-07", "W.h", "kW.h", "sap-b1"))
                .isInstanceOf(ReadingRejectedException.class).hasMessageContaining("catalogue says 'W.h'");
    }
}
