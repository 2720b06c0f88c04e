package io.iotbridge.erp.sapb1;

import io.iotbridge.meter.MeterWindow;
import io.iotbridge.reading.Quality;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared test data: a fixed meter window, test-only credentials, loopback addresses. */
public final class SapB1Fixtures {

    public static final Instant WINDOW_START = Instant.parse("2026-11-24T10:15:00Z");

    /** Test-only values; a real deployment takes them from the environment. */
    public static final DiServerLogin LOGIN = new DiServerLogin("b1-sql", "SBODEMOUS", "dst_MSSQL2019",
            "sa", "db-secret-for-tests", "manager", "b1-secret-for-tests", "ln_English", "b1-license:30000");

    private SapB1Fixtures() {
    }

    /** The window of the golden file. */
    public static MeterWindow window() {
        return window("press07-temp", WINDOW_START);
    }

    public static MeterWindow window(String sensorId, Instant start) {
        long ms = start.toEpochMilli();
        return new MeterWindow(sensorId, "PRESS-07", "Cel", start, start.plus(Duration.ofMinutes(1)),
                70.9, 72.25, 71.31666666666666, 71.3, 3, Quality.GOOD,
                List.of(sensorId + ":" + (ms + 123) + ":18842",
                        sensorId + ":" + (ms + 20_123) + ":18843",
                        sensorId + ":" + (ms + 40_123) + ":18844"));
    }

    public static String freeLoopbackAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/sap-b1/DIServer";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
