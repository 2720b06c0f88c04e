package io.iotbridge.erp.dynamics365;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared test data: a fixed meter window, a test-only app registration, settings for a sandbox. */
final class Dynamics365Fixtures {

    static final Instant WINDOW_START = Instant.parse("2026-11-24T10:15:00Z");
    static final String CLIENT_ID = "iot-erp-bridge-test";
    /** Test-only value; a real deployment takes it from the environment. */
    static final String CLIENT_SECRET = "d365-secret-for-tests";
    static final String ACTIVITY_ID = "{6D31E09F-0249-459F-94F0-AAD9C2C47B64}";

    private Dynamics365Fixtures() {
    }

    /** The window of the golden file. */
    static MeterWindow window() {
        return window("press08-vib-d365", WINDOW_START);
    }

    static MeterWindow window(String sensorId, Instant start) {
        long ms = start.toEpochMilli();
        return new MeterWindow(sensorId, "PRESS-08", "mm/s", start, start.plus(Duration.ofMinutes(1)),
                2.1, 4.75, 3.316666666666667, 3.1, 3, Quality.UNCERTAIN,
                List.of(sensorId + ":" + (ms + 123) + ":0",
                        sensorId + ":" + (ms + 20_123) + ":0",
                        sensorId + ":" + (ms + 40_123) + ":0"));
    }

    static Dynamics365Settings settings(String address, String secret) {
        return new Dynamics365Settings(address, address, "contoso.onmicrosoft.com", CLIENT_ID, secret,
                ACTIVITY_ID, "USMF", Dynamics365Entities.METER_ENTITY, Dynamics365Entities.ALERT_ENTITY, Duration.ofSeconds(300),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(5));
    }

    /** The enrichment of the fixture windows (machine PRESS-08). */
    static Enrichment enrichment() {
        return new Enrichment("PRESS-08", "early", "P000123");
    }
}
