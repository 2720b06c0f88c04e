package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import io.iotbridge.embedded.EmbeddedPostgresServer;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again mid-stream (a PostgreSQL of the test's own, never the
 * machine's, which others use): the readings that came meanwhile wait in the historian's queue and
 * are all stored once it is back, each once; and the ERP kept receiving its documents all along.
 */
class HistorianOutageTest {

    private static final String SENSOR = "press07-energy";

    private final LoggedLines log = LoggedLines.capture();
    private EmbeddedPostgresServer postgres;
    private BridgeHarness bridge;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        log.close();
    }

    @Test
    void readingsWaitInTheQueueWhilePostgresIsDownAndTheErpKeepsReceivingDocuments() throws Exception {
        int port = FreePorts.next();
        Path data = Files.createTempDirectory("historian-outage");
        postgres = new EmbeddedPostgresServer(port, data.resolve("pg"));
        postgres.start();
        String url = postgres.jdbcUrl();
        bridge = new BridgeHarness()
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.jdbc-url", url)
                .with("bridge.historian.user", "postgres")
                .with("bridge.historian.batch-interval", "200")
                .with("bridge.historian.retry-max-delay", "1000")
                .with("bridge.historian.connection-timeout", "1000")
                .withoutMqtt()
                .start();

        List<String> before = post(Instant.now().truncatedTo(ChronoUnit.MILLIS), 10, 1);
        Awaitility.await("readings before the outage stored").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> stored(url, before) == before.size());

        postgres.close();
        assertThat(listening(port)).as("PostgreSQL stopped").isFalse();
        List<String> during = post(Instant.now().truncatedTo(ChronoUnit.MILLIS), 10, 100);

        // the ERP gets every reading of the outage in its documents while PostgreSQL is still down
        Awaitility.await("the ERP's documents of the readings posted during the outage").atMost(Duration.ofSeconds(30))
                .until(() -> erpReadingIds().containsAll(during));
        // and the historian's batch failed and is being tried again, not merely waiting for a connection
        Awaitility.await("the historian's batch tried again").atMost(Duration.ofSeconds(30))
                .until(() -> log.containing("On delivery attempt: 2").stream().anyMatch(l -> l.contains("historian")));
        assertThat(listening(port)).as("PostgreSQL still down while the ERP received them").isFalse();

        postgres = new EmbeddedPostgresServer(port, data.resolve("pg"));
        postgres.start();
        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        Awaitility.await("every reading stored once PostgreSQL is back").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> stored(url, all) == all.size());
        assertThat(HistorianDatabases.column(url, "SELECT count(*) - count(DISTINCT reading_id) FROM historian.readings"))
                .containsExactly("0");
    }

    /** Posts {@code n} readings of the press07-energy meter 1 ms apart; answers their ids. */
    private List<String> post(Instant start, int n, long firstSeq) throws Exception {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            Instant t = start.plusMillis(i);
            body.append(i == 0 ? "" : ",").append(HistorianTest.reading(500.0 + i, t, firstSeq + i));
            ids.add(SENSOR + ":" + t.toEpochMilli() + ":" + (firstSeq + i));
        }
        assertThat(bridge.postJson("/readings", body.append("]").toString()).statusCode()).isEqualTo(202);
        return ids;
    }

    private static int stored(String url, List<String> ids) throws Exception {
        return Integer.parseInt(HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings WHERE reading_id IN ("
                + HistorianTest.quoted(ids) + ")").get(0));
    }

    private Set<String> erpReadingIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode document : bridge.sandboxDocuments("sap-b1")) {
            document.path("readingIds").forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
