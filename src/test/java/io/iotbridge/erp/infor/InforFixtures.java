package io.iotbridge.erp.infor;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared test data: a fixed meter window, a fixed clock, the sender of the golden file. */
public final class InforFixtures {

    public static final Instant WINDOW_START = Instant.parse("2026-11-24T10:15:00Z");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:16:02.450Z"), ZoneOffset.UTC);
    public static final BodSender SENDER = new BodSender(() -> "ACME_PRD", "1000", "",
            "lid://infor.ims.iot-erp-bridge", "iot-erp-bridge");

    private InforFixtures() {
    }

    /** The window of the golden file. */
    public static MeterWindow window() {
        return window("press08-temp-infor", WINDOW_START);
    }

    public static MeterWindow window(String sensorId, Instant start) {
        long ms = start.toEpochMilli();
        return new MeterWindow(sensorId, "PRESS-08", "Cel", start, start.plus(Duration.ofMinutes(1)),
                70.9, 72.25, 71.31666666666666, 71.3, 3, Quality.GOOD,
                List.of(sensorId + ":" + (ms + 123) + ":18842",
                        sensorId + ":" + (ms + 20_123) + ":18843",
                        sensorId + ":" + (ms + 40_123) + ":18844"));
    }

    /** The enrichment of the fixture windows (machine PRESS-08). */
    public static Enrichment enrichment() {
        return new Enrichment("PRESS-08", "early", "4712");
    }
}
