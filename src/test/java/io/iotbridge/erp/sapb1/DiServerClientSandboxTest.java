package io.iotbridge.erp.sapb1;

import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.DocumentFixtures;
import io.iotbridge.LoggedLines;
import io.iotbridge.enrich.EnrichmentFixtures;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import jakarta.xml.ws.WebServiceException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.transport.http.HTTPException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The client against the sandbox, over real HTTP on a loopback port. */
class DiServerClientSandboxTest {

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final SapB1MeterMapper mapper = new SapB1MeterMapper();
    private SapB1Sandbox sandbox;
    private DiServerClient client;

    @BeforeEach
    void start() {
        String address = SapB1Fixtures.freeLoopbackAddress();
        sandbox = new SapB1Sandbox(address, recorder, SapB1Fixtures.LOGIN);
        sandbox.start();
        client = new DiServerClient(address, SapB1Fixtures.LOGIN, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void addObjectRecordsTheMeterDocument() {
        AddObject command = mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment());

        String retKey = client.addObject(command);

        assertThat(retKey).isEqualTo("press07-temp@1795515300000.123");
        List<SandboxRecord> documents = recorder.documents("sap-b1");
        assertThat(documents).singleElement().satisfies(record -> {
            assertThat(record.erp()).isEqualTo("sap-b1");
            assertThat(record.kind()).isEqualTo("meter");
            assertThat(record.key()).isEqualTo(retKey);
            assertThat(record.readingIds()).isEqualTo(SapB1Fixtures.window().readingIds());
            assertThat(record.receivedAt()).isBeforeOrEqualTo(Instant.now());
            // the transport: where it went, how, and what the gateway answered
            assertThat(record.url()).isEqualTo(client.address());
            assertThat(record.method()).isEqualTo("POST");
            assertThat(record.headers()).containsKey("Content-Type").containsKey("SOAPAction");
            assertThat(record.headers().get("Content-Type")).startsWith("text/xml");
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.answer()).contains("AddObjectResponse").contains("<RetKey>" + retKey + "</RetKey>");
        });

        Document body = XmlSupport.parse(documents.get(0).body());
        List<Element> header = XmlSupport.elements(body, DiServerFaults.SOAP11_ENVELOPE, "Header");
        assertThat(header).singleElement().satisfies(h -> {
            Element sessionId = (Element) h.getElementsByTagNameNS("", "SessionID").item(0);
            assertThat(sessionId).as("unqualified SessionID header").isNotNull();
            assertThat(sessionId.getNamespaceURI()).isNull();
            // whoever reads the records must not be able to act in, or end, the bridge's session
            assertThat(sessionId.getTextContent()).isEqualTo(SandboxRecord.MASKED);
        });
        assertThat(XmlSupport.elements(body, SapB1Contract.NAMESPACE, "AddObject")).hasSize(1);
        assertThat(XmlSupport.elements(body, null, "BOM")).as("BOM unqualified").hasSize(1);
        assertThat(XmlSupport.elements(body, null, "U_SensorId").get(0).getTextContent()).isEqualTo("press07-temp");
        assertThat(XmlSupport.elements(body, null, "U_Avg").get(0).getTextContent()).isEqualTo("71.316667");
        assertThat(XmlSupport.elements(body, null, "U_ReadingIds").get(0).getTextContent())
                .isEqualTo(String.join(" ", SapB1Fixtures.window().readingIds()));
    }

    @Test
    void aLoginWithAWrongPasswordIsRefusedAndReportedWithoutThePassword() {
        DiServerLogin wrong = withCompanyPassword("guessed-Pa55word");
        try (DiServerClient intruder = new DiServerClient(sandbox.address(), wrong,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> intruder.addObject(mapper.toAddObject(SapB1Fixtures.window(),
                    DocumentFixtures.enrichment())))
                    .isInstanceOf(SapB1SessionException.class)
                    .hasMessageContaining("refused the login of manager to SBODEMOUS")
                    .hasMessageContaining(DiServerFaults.USER_AUTHENTICATION_FAILED)
                    .hasMessageContaining("BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD")
                    .message().doesNotContain("guessed-Pa55word");
        }
        assertThat(sandbox.openSessions()).isZero();
        assertThat(recorder.documents("sap-b1")).isEmpty();
    }

    @Test
    void aRefusedLoginIsNotSentAgainBeforeTheLoginRetryDelaySoRetriesCannotLockTheUser() {
        DiServerLogin wrong = withCompanyPassword("guessed-Pa55word");
        EnrichmentFixtures.MovableClock clock = new EnrichmentFixtures.MovableClock();
        try (LoggedLines logged = LoggedLines.capture(); DiServerClient misconfigured = new DiServerClient(sandbox.address(), wrong, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(60), clock)) {
            // delivery retries and work-order lookups, as a bridge with a wrong password sends them
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> misconfigured.addObject(mapper.toAddObject(SapB1Fixtures.window(),
                        DocumentFixtures.enrichment()))).isInstanceOf(SapB1SessionException.class)
                        .hasMessageContaining(DiServerFaults.USER_AUTHENTICATION_FAILED);
                assertThatThrownBy(() -> misconfigured.executeSql(SapB1WorkOrderQuery.forMachine("PRESS-07")))
                        .isInstanceOf(SapB1SessionException.class);
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(sandbox.loginAttempts()).isEqualTo(1);
            assertThatThrownBy(() -> misconfigured.executeSql(SapB1WorkOrderQuery.forMachine("PRESS-07")))
                    .hasMessageContaining("no new login before 2026-11-24T10:01:00Z (bridge.erp.sap-b1.login-retry-delay)")
                    .message().doesNotContain("guessed-Pa55word");

            clock.advance(Duration.ofSeconds(10));
            assertThatThrownBy(() -> misconfigured.executeSql(SapB1WorkOrderQuery.forMachine("PRESS-07")))
                    .isInstanceOf(SapB1SessionException.class);
            assertThat(sandbox.loginAttempts()).as("one Login a delay").isEqualTo(2);
            assertThat(logged.containing("refused the login")).as("logged once per reason, not per retry")
                    .singleElement().asString().startsWith("WARN").contains(sandbox.address());
        }
        assertThat(sandbox.openSessions()).isZero();
    }

    @Test
    void aLoginToAnotherCompanyDatabaseIsRefused() {
        DiServerLogin l = SapB1Fixtures.LOGIN;
        DiServerLogin wrong = new DiServerLogin(l.databaseServer(), l.databaseName(), l.databaseType(),
                l.databaseUsername(), "not-the-db-password", l.companyUsername(), l.companyPassword(),
                l.language(), l.licenseServer());
        try (DiServerClient intruder = new DiServerClient(sandbox.address(), wrong,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> intruder.executeSql(SapB1WorkOrderQuery.forMachine("PRESS-07")))
                    .isInstanceOf(SapB1SessionException.class)
                    .hasMessageContaining(DiServerFaults.COMPANY_DATABASE_FAILED)
                    .hasMessageContaining("BRIDGE_ERP_SAP_B1_DATABASE_PASSWORD");
        }
        assertThat(sandbox.openSessions()).isZero();
    }

    @Test
    void anExpiredSessionCostsExactlyOneReLogin() {
        client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()));
        assertThat(sandbox.logins()).isEqualTo(1);

        sandbox.expireSessions();
        String retKey = client.addObject(mapper.toAddObject(
                SapB1Fixtures.window("press07-temp", SapB1Fixtures.WINDOW_START.plusSeconds(60)), DocumentFixtures.enrichment()));

        assertThat(retKey).isEqualTo("press07-temp@1795515360000.123");
        assertThat(sandbox.logins()).isEqualTo(2);
        assertThat(client.logins()).isEqualTo(2);
        assertThat(recorder.documents("sap-b1")).extracting(SandboxRecord::key)
                .containsExactly("press07-temp@1795515300000.123", "press07-temp@1795515360000.123");

        client.addObject(mapper.toAddObject(
                SapB1Fixtures.window("press07-temp", SapB1Fixtures.WINDOW_START.plusSeconds(120)), DocumentFixtures.enrichment()));
        assertThat(sandbox.logins()).as("the renewed session is kept").isEqualTo(2);
    }

    @Test
    void concurrentCommandsShareOneSessionAndRenewItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            send(pool, 0, 16);
            assertThat(sandbox.logins()).isEqualTo(1);

            sandbox.expireSessions();
            send(pool, 16, 16);

            assertThat(sandbox.logins()).as("one re-login however many threads saw the expiry").isEqualTo(2);
            assertThat(recorder.documents("sap-b1")).hasSize(32);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends windows first..first+count-1 from all pool threads at once and waits for every answer. */
    private void send(ExecutorService pool, int first, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> keys = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            AddObject command = mapper.toAddObject(
                    SapB1Fixtures.window("press07-temp", SapB1Fixtures.WINDOW_START.plusSeconds(60L * i)), DocumentFixtures.enrichment());
            keys.add(pool.submit(() -> {
                go.await();
                return client.addObject(command);
            }));
        }
        go.countDown();
        for (Future<String> key : keys) {
            assertThat(key.get(10, TimeUnit.SECONDS)).startsWith("press07-temp@");
        }
    }

    @Test
    void aReplayedWindowIsAcceptedAsAlreadyBookedAndNotRecordedTwice() {
        String first = client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()));

        // the DI Server refuses the duplicate Code; the client reads that as "already booked"
        assertThat(client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()))).isEqualTo(first);
        assertThat(recorder.documents("sap-b1")).hasSize(1);
    }

    @Test
    void anotherBusinessRejectionIsSurfacedWithTheDiServersMessage() {
        sandbox.rejectNext(1, "Table '@IOT_METER' is not defined");

        assertThatThrownBy(() -> client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment())))
                .isInstanceOfSatisfying(SapB1RejectedException.class, e -> {
                    assertThat(e.faultMessage()).isEqualTo("Table '@IOT_METER' is not defined");
                    assertThat(e.faultCode()).isEqualTo(DiServerFaults.SERVER);
                });
        assertThat(recorder.documents("sap-b1")).isEmpty();
    }

    @Test
    void anInvalidDocumentNeverLeavesTheClient() {
        AddObject command = mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment());
        command.getBOM().getBO().getUserTable().getRow().setCode(null);

        assertThatThrownBy(() -> client.addObject(command))
                .isInstanceOf(SapB1InvalidDocumentException.class)
                .hasMessageContaining("Code");
        assertThat(recorder.documents("sap-b1")).isEmpty();
        assertThat(sandbox.logins()).as("not even a login went out").isZero();
    }

    @Test
    void aBusinessRejectionCarriesTheSandboxsMessage() {
        sandbox.rejectNext(1, "Item 'FG-100' is inactive (-5002)");

        assertThatThrownBy(() -> client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment())))
                .isInstanceOfSatisfying(SapB1RejectedException.class,
                        e -> assertThat(e.faultMessage()).isEqualTo("Item 'FG-100' is inactive (-5002)"));
        assertThat(recorder.documents("sap-b1")).isEmpty();

        assertThat(client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()))).isNotBlank();
        assertThat(recorder.documents("sap-b1")).hasSize(1);
    }

    @Test
    void anUnavailableGatewaySurfacesAsHttp503() {
        sandbox.failNext(1);

        assertThatThrownBy(() -> client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment())))
                .isInstanceOf(WebServiceException.class)
                .hasRootCauseInstanceOf(HTTPException.class)
                .satisfies(e -> assertThat(((HTTPException) rootCause(e)).getResponseCode()).isEqualTo(503));
        assertThat(recorder.documents("sap-b1")).isEmpty();

        assertThat(client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()))).isNotBlank();
    }

    @Test
    void aSlowGatewayTimesOutTheClient() {
        DiServerClient impatient = new DiServerClient(sandbox.address(), SapB1Fixtures.LOGIN,
                Duration.ofSeconds(2), Duration.ofMillis(300));
        try {
            impatient.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()));
            sandbox.delay(Duration.ofSeconds(1));

            assertThatThrownBy(() -> impatient.addObject(mapper.toAddObject(
                    SapB1Fixtures.window("press07-temp", SapB1Fixtures.WINDOW_START.plusSeconds(60)), DocumentFixtures.enrichment())))
                    .isInstanceOf(WebServiceException.class)
                    .hasCauseInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getCause().getMessage()).containsIgnoringCase("timeout"));
        } finally {
            sandbox.delay(Duration.ZERO);
            impatient.close();
        }
    }

    @Test
    void closeLogsOut() {
        client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment()));
        assertThat(sandbox.openSessions()).isEqualTo(1);

        client.close();

        assertThat(sandbox.openSessions()).isZero();
        assertThatThrownBy(() -> client.addObject(mapper.toAddObject(SapB1Fixtures.window(), DocumentFixtures.enrichment())))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static DiServerLogin withCompanyPassword(String password) {
        DiServerLogin l = SapB1Fixtures.LOGIN;
        return new DiServerLogin(l.databaseServer(), l.databaseName(), l.databaseType(), l.databaseUsername(),
                l.databasePassword(), l.companyUsername(), password, l.language(), l.licenseServer());
    }
}
