package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.DocumentFixtures;
import io.iotbridge.LoggedLines;
import io.iotbridge.enrich.EnrichmentFixtures;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.meter.MeterWindow;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.tls.TrustStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Service Layer client against its sandbox over real HTTPS (a self-signed certificate, trusted by the client). */
class ServiceLayerClientSandboxTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ServiceLayerFixtures fixtures;
    private ServiceLayerClient client;
    private ServiceLayerTransport transport;

    @BeforeEach
    void start() throws Exception {
        fixtures = new ServiceLayerFixtures("v2");
        client = fixtures.client();
        transport = new ServiceLayerTransport(client, "C20000");
    }

    @AfterEach
    void stop() {
        fixtures.close();
    }

    @Test
    void aMeterRowIsAddedInASessionAndRecordedWithItsTransport() {
        String key = transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment());

        assertThat(key).isEqualTo("press07-temp@1795515300000.123");
        assertThat(fixtures.sandbox.logins()).isOne();
        SandboxRecord record = single();
        assertThat(record.kind()).isEqualTo("meter");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.readingIds()).isEqualTo(SapB1Fixtures.window().readingIds());
        assertThat(record.url()).isEqualTo(fixtures.sandbox.address() + "/b1s/v2/U_IOT_METER").startsWith("https://");
        assertThat(record.method()).isEqualTo("POST");
        // the session cookie travels with the call, masked in the record; the load balancer's route as it is
        assertThat(record.headers()).containsEntry("Cookie", "B1SESSION=" + SandboxRecord.MASKED + "; ROUTEID=.node1")
                .containsEntry("Content-Type", "application/json");
        assertThat(record.status()).isEqualTo(201);
        assertThat(record.answer()).contains("\"Code\":\"" + key + "\"");
        assertThat(record.body()).contains("\"U_SensorId\":\"press07-temp\"");
    }

    @Test
    void counterAndAlertGetSapsNumbersAndAReplayIsBookedOnce() {
        var counter = DocumentFixtures.counter("press07-parts", "4711", false);
        var alert = DocumentFixtures.alert("press07-temp-alert");

        String docEntry = transport.counter(counter, DocumentFixtures.enrichment());
        String callId = transport.alert(alert, DocumentFixtures.enrichment());
        String counterReplay = transport.counter(counter, DocumentFixtures.enrichment());
        String alertReplay = transport.alert(alert, DocumentFixtures.enrichment());

        assertThat(fixtures.recorder.documents("sap-b1")).satisfiesExactly(
                r -> assertThat(r).extracting(SandboxRecord::kind, SandboxRecord::key, SandboxRecord::url)
                        .containsExactly("counter", docEntry, fixtures.sandbox.address() + "/b1s/v2/InventoryGenEntries"),
                r -> assertThat(r).extracting(SandboxRecord::kind, SandboxRecord::key, SandboxRecord::url)
                        .containsExactly("alert", callId, fixtures.sandbox.address() + "/b1s/v2/ServiceCalls"));
        assertThat(docEntry).matches("\\d+");
        assertThat(callId).matches("\\d+");
        // the replays find the booked documents by U_IotKey and add nothing
        assertThat(counterReplay).isEqualTo(docEntry);
        assertThat(alertReplay).isEqualTo(callId);
    }

    @Test
    void aReplayIsFoundByItsKeyWhereTheCompanyDoesNotKeepTheKeyUnique() {
        fixtures.sandbox.uniqueIotKeys(false);
        var counter = DocumentFixtures.counter("press07-parts", "4711", false);

        String first = transport.counter(counter, DocumentFixtures.enrichment());
        String replay = transport.counter(counter, DocumentFixtures.enrichment());

        assertThat(replay).isEqualTo(first);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(1);
    }

    @Test
    void aDuplicateRefusalCountsAsBookedWhenTheLookupFindsNothing() {
        var alert = DocumentFixtures.alert("press07-temp-alert");
        ObjectNode call = new ServiceLayerDocuments("C20000").serviceCall(alert, DocumentFixtures.enrichment());
        client.add("ServiceCalls", call, "ServiceCallID", alert.key());

        // a second add without the lookup: SAP answers -2035, read as booked with our key
        assertThat(client.add("ServiceCalls", call, "ServiceCallID", alert.key())).isEqualTo(alert.key());
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(1);
    }

    @Test
    void aDuplicateMeterRowIsBookedAndNotRecordedTwice() {
        String first = transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment());
        String again = transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment());

        assertThat(again).isEqualTo(first);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(1);
    }

    @Test
    void severalMeterRowsGoInOneChangeSet() {
        List<MeterWindow> windows = windows(3);

        List<String> keys = transport.meters(windows, DocumentFixtures.enrichment());

        assertThat(keys).hasSize(3).doesNotHaveDuplicates();
        List<SandboxRecord> records = fixtures.recorder.documents("sap-b1");
        assertThat(records).extracting(SandboxRecord::key).containsExactlyElementsOf(keys);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.url()).endsWith("/b1s/v2/$batch");
            assertThat(r.headers().get("Content-Type")).startsWith("multipart/mixed; boundary=batch_");
        });
        assertThat(records).extracting(r -> r.headers().get("Content-ID")).containsExactly("1", "2", "3");
    }

    @Test
    void aChangeSetWithOneRefusedRowBooksNoneAndNamesSapsMessage() {
        List<MeterWindow> windows = windows(3);
        fixtures.sandbox.rejectNext(1, "Value too long in field U_Unit", "meter");

        assertThatThrownBy(() -> transport.meters(windows, DocumentFixtures.enrichment()))
                .isInstanceOf(SapB1RejectedException.class)
                .hasMessageContaining("Value too long in field U_Unit")
                .hasMessageContaining(SapB1MeterMapper.meterCode("s0", windows.get(0).windowPart()))
                .hasMessageContaining("was not booked");
        assertThat(fixtures.recorder.documents("sap-b1")).isEmpty();

        // nothing was kept of the change set: sent again, all three are booked
        assertThat(transport.meters(windows, DocumentFixtures.enrichment())).hasSize(3);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(3);
    }

    @Test
    void aRowRefusedLateInAChangeSetTakesBackTheRowsBeforeIt() {
        ObjectNode a = JSON.createObjectNode().put("Code", "a").put("Name", "a").put("U_ReadingIds", "a:1:0");
        ObjectNode b = JSON.createObjectNode().put("Code", "b").put("Name", "b").put("U_ReadingIds", "b:1:0");
        ObjectNode noCode = JSON.createObjectNode().put("Name", "c").put("U_ReadingIds", "c:1:0");

        assertThatThrownBy(() -> new ServiceLayerChangeSets(client).addAll("U_IOT_METER", List.of(a, b, noCode), "Code", List.of("a", "b", "c")))
                .isInstanceOf(SapB1RejectedException.class).hasMessageContaining("Code: mandatory field missing")
                .hasMessageContaining("U_IOT_METER c");

        // SAP rolled a and b back: sent again they are new rows, not replays
        assertThat(new ServiceLayerChangeSets(client).addAll("U_IOT_METER", List.of(a, b), "Code", List.of("a", "b"))).containsExactly("a", "b");
        assertThat(fixtures.recorder.documents("sap-b1")).extracting(SandboxRecord::key).containsExactly("a", "b");
    }

    @Test
    void aChangeSetReplayingABookedRowBooksTheOthersOnce() {
        List<MeterWindow> windows = windows(3);
        transport.meter(windows.get(1), DocumentFixtures.enrichment());

        List<String> keys = transport.meters(windows, DocumentFixtures.enrichment());

        assertThat(keys).hasSize(3).doesNotHaveDuplicates();
        assertThat(fixtures.recorder.documents("sap-b1")).extracting(SandboxRecord::key)
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void anExpiredSessionCostsOneReLoginAndTheCallIsSentAgain() {
        transport.meter(windows(1).get(0), DocumentFixtures.enrichment());
        fixtures.sandbox.expireSessions();

        transport.meter(windows(2).get(1), DocumentFixtures.enrichment());

        assertThat(client.logins()).isEqualTo(2);
        assertThat(fixtures.sandbox.logins()).isEqualTo(2);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(2);
    }

    @Test
    void concurrentCallsShareOneSessionAndRenewItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            send(pool, 0, 16);
            assertThat(fixtures.sandbox.logins()).isOne();

            fixtures.sandbox.expireSessions();
            send(pool, 16, 16);

            assertThat(fixtures.sandbox.logins()).as("one re-login however many threads saw the 401").isEqualTo(2);
            assertThat(fixtures.recorder.documents("sap-b1")).hasSize(32);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends the windows of sensors s<first>.. from all pool threads at once and waits for every answer. */
    private void send(ExecutorService pool, int first, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> keys = new java.util.ArrayList<>();
        for (int i = first; i < first + count; i++) {
            MeterWindow window = SapB1Fixtures.window("s" + i, SapB1Fixtures.WINDOW_START);
            keys.add(pool.submit(() -> {
                go.await();
                return transport.meter(window, DocumentFixtures.enrichment());
            }));
        }
        go.countDown();
        for (Future<String> key : keys) {
            assertThat(key.get(30, TimeUnit.SECONDS)).isNotBlank();
        }
    }

    @Test
    void aSessionIdlePastItsTimeoutEndsAndTheClientLogsInAgain() {
        fixtures.sandbox.sessionTimeout(Duration.ofMillis(300));
        transport.meter(windows(1).get(0), DocumentFixtures.enrichment());
        await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.sandbox.openSessions() == 0);

        transport.meter(windows(2).get(1), DocumentFixtures.enrichment());

        assertThat(fixtures.sandbox.logins()).isEqualTo(2);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(2);
    }

    @Test
    void aSessionIdleLongerThanItsSessionTimeoutIsRenewedBeforeTheCallNotAfterA401() {
        EnrichmentFixtures.MovableClock clock = new EnrichmentFixtures.MovableClock();
        ServiceLayerTransport idle = new ServiceLayerTransport(fixtures.client(ServiceLayerFixtures.LOGIN, clock), "C20000");
        idle.meter(windows(1).get(0), DocumentFixtures.enrichment());

        // the sandbox answered SessionTimeout 30 (minutes); 31 idle minutes on the client's clock
        clock.advance(Duration.ofMinutes(31));
        idle.meter(windows(2).get(1), DocumentFixtures.enrichment());

        assertThat(fixtures.sandbox.logins()).isEqualTo(2);
        assertThat(fixtures.recorder.documents("sap-b1")).hasSize(2);
    }

    @Test
    void aWrongPasswordIsRefusedOnceLoggedOnceAndNotTriedAgainBeforeTheRetryDelay() {
        EnrichmentFixtures.MovableClock clock = new EnrichmentFixtures.MovableClock();
        ServiceLayerLogin wrong = new ServiceLayerLogin("SBODEMOUS", "manager", "not-the-password");
        try (LoggedLines logged = LoggedLines.capture()) {
            ServiceLayerClient misconfigured = fixtures.client(wrong, clock);
            ServiceLayerTransport refused = new ServiceLayerTransport(misconfigured, "C20000");
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> refused.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment()))
                        .isInstanceOf(SapB1SessionException.class)
                        .hasMessageContaining("refused the login of manager to SBODEMOUS")
                        .hasMessageContaining(ServiceLayerErrors.LOGIN_FAILED_MESSAGE)
                        .hasMessageNotContaining("not-the-password");
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(fixtures.sandbox.loginAttempts()).as("one Login in the retry delay").isOne();
            assertThat(logged.containing("refused the login of manager")).as("one log line").hasSize(1)
                    .allSatisfy(l -> assertThat(l).startsWith("WARN").doesNotContain("not-the-password"));

            clock.advance(Duration.ofSeconds(31));
            assertThatThrownBy(() -> refused.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment()))
                    .isInstanceOf(SapB1SessionException.class);
            assertThat(fixtures.sandbox.loginAttempts()).as("tried again after the delay").isEqualTo(2);
            assertThat(logged.containing("refused the login of manager")).as("the same refusal is not logged again").hasSize(1);
        }
        assertThat(fixtures.recorder.documents("sap-b1")).isEmpty();
    }

    @Test
    void aBusinessRefusalCarriesSapsCodeAndMessage() {
        fixtures.sandbox.rejectNext(1, "Customer C20000 is inactive", "alert");

        assertThatThrownBy(() -> transport.alert(DocumentFixtures.alert("press07-temp-alert"), DocumentFixtures.enrichment()))
                .isInstanceOf(SapB1RejectedException.class)
                .hasMessageContaining("Customer C20000 is inactive")
                .satisfies(e -> assertThat(((SapB1RejectedException) e).faultCode().getLocalPart()).isEqualTo("-5002"));
    }

    @Test
    void anUnavailableServiceLayerIsATransientFailure() {
        fixtures.sandbox.failNext(1);

        assertThatThrownBy(() -> transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment()))
                .isInstanceOf(ServiceLayerUnavailableException.class).hasMessageContaining("503");
        assertThat(transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment())).isNotBlank();
    }

    @Test
    void theProductionOrderInProgressIsLookedUp() {
        fixtures.sandbox.currentOrders(Map.of("PRESS-07", new WorkOrder("4711", "FG-100")));

        assertThat(transport.workOrders().inProgress("PRESS-07")).contains(new WorkOrder("4711", "FG-100"));
        assertThat(transport.workOrders().inProgress("PRESS-99")).isEmpty();
        assertThat(fixtures.sandbox.workOrderQueries()).isEqualTo(2);
    }

    @Test
    void whereTheFilterIsRefusedTheOrderIsFoundAmongTheReleasedOnesPageByPage() {
        fixtures.sandbox.currentOrders(Map.of("PRESS-07", new WorkOrder("4711", "FG-100"),
                "PRESS-08", new WorkOrder("4712", "FG-200"), "PRESS-09", new WorkOrder("4713", null)));
        fixtures.sandbox.refuseLambdaFilters(true);
        try (LoggedLines logged = LoggedLines.capture()) {
            // one order a page in the sandbox: PRESS-09's is on the third
            assertThat(transport.workOrders().inProgress("PRESS-09")).contains(new WorkOrder("4713", null));
            assertThat(transport.workOrders().inProgress("PRESS-07")).contains(new WorkOrder("4711", "FG-100"));
            assertThat(transport.workOrders().inProgress("LATHE-1")).isEmpty();

            assertThat(logged.containing("refused the production order query")).as("said once").hasSize(1);
        }
    }

    @Test
    void closeLogsOut() {
        transport.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment());
        assertThat(fixtures.sandbox.openSessions()).isOne();

        transport.close();

        assertThat(fixtures.sandbox.logouts()).isOne();
        assertThat(fixtures.sandbox.openSessions()).isZero();
    }

    @Test
    void aCertificateOutsideTheTrustStoreIsRefused() {
        ServiceLayerClient untrusting = new ServiceLayerClient(fixtures.sandbox.address(), "v2", ServiceLayerFixtures.LOGIN,
                TrustStores.context("", ""), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60),
                Clock.systemUTC());

        assertThatThrownBy(() -> untrusting.get("ProductionOrders"))
                .isInstanceOf(ServiceLayerUnavailableException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(fixtures.sandbox.loginAttempts()).isZero();
    }

    @Test
    void versionOneAnswersTheOtherErrorShapeAndWorksAlike() throws Exception {
        try (ServiceLayerFixtures v1 = new ServiceLayerFixtures("v1")) {
            ServiceLayerTransport onV1 = new ServiceLayerTransport(v1.client(), "C20000");
            String key = onV1.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment());
            v1.sandbox.rejectNext(1, "No matching records found", "counter");

            assertThat(onV1.meter(SapB1Fixtures.window(), DocumentFixtures.enrichment())).isEqualTo(key);
            assertThatThrownBy(() -> onV1.counter(DocumentFixtures.counter("press07-parts", "4711", false),
                    DocumentFixtures.enrichment())).isInstanceOf(SapB1RejectedException.class)
                    .hasMessageContaining("No matching records found");
            assertThat(v1.recorder.documents("sap-b1")).singleElement()
                    .satisfies(r -> assertThat(r.url()).endsWith("/b1s/v1/U_IOT_METER"));
            // OData 3 names the next page odata.nextLink
            v1.sandbox.currentOrders(Map.of("PRESS-07", new WorkOrder("4711", "FG-100"), "PRESS-08", new WorkOrder("4712", null)));
            v1.sandbox.refuseLambdaFilters(true);
            assertThat(onV1.workOrders().inProgress("PRESS-08")).contains(new WorkOrder("4712", null));
        }
    }

    @Test
    void aVersionOtherThanV1OrV2IsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ServiceLayerClient("https://b1:50000", "v3", ServiceLayerFixtures.LOGIN, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()))
                .hasMessageContaining("bridge.erp.sap-b1.service-layer.version").hasMessageContaining("v3");
    }

    private SandboxRecord single() {
        List<SandboxRecord> records = fixtures.recorder.documents("sap-b1");
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    /** Meter windows of sensors s0, s1, ... */
    private static List<MeterWindow> windows(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> SapB1Fixtures.window("s" + i, SapB1Fixtures.WINDOW_START)).toList();
    }
}
