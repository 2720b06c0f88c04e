package io.iotbridge.sandbox.sapb1;

import io.iotbridge.erp.sapb1.DiServerFaults;
import io.iotbridge.erp.sapb1.SapB1Fixtures;
import io.iotbridge.erp.sapb1.XmlSupport;
import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The sandbox as a plain SOAP client sees it: envelopes shaped like SAP's samples, over HTTP. */
class SapB1SandboxTest {

    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="%s"?>
            <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">%s<env:Body>%s</env:Body></env:Envelope>""";

    private static final String LOGIN = """
            <dis:Login xmlns:dis="http://www.sap.com/SBO/DIS"><DatabaseServer>b1-sql</DatabaseServer>\
            <DatabaseName>SBODEMOUS</DatabaseName><DatabaseType>dst_MSSQL2019</DatabaseType>\
            <DatabaseUsername>sa</DatabaseUsername><DatabasePassword>db-secret-for-tests</DatabasePassword>\
            <CompanyUsername>manager</CompanyUsername><CompanyPassword>%s</CompanyPassword>\
            <Language>ln_English</Language><LicenseServer>b1-license:30000</LicenseServer></dis:Login>""";

    private static final String COUNTER = """
            <dis:AddObject xmlns:dis="http://www.sap.com/SBO/DIS" CommandID="ReceiptFromProduction">
              <BOM><BO>
                <AdmInfo><Object>oInventoryGenEntry</Object></AdmInfo>
                <Documents><row><DocDate>20261125</DocDate><Comments>line 3 counter</Comments>\
            <U_IotKey>counter:cell3-good@1795515300000.123</U_IotKey><U_ReadingIds>cell3-good:1795515300000:7 cell3-scrap:1795515300000:8</U_ReadingIds></row></Documents>
                <Document_Lines><row><BaseType>202</BaseType><BaseEntry>4711</BaseEntry><ItemCode>FG-100</ItemCode>\
            <Quantity>120</Quantity><TransactionType>botrntComplete</TransactionType>\
            <WarehouseCode>01</WarehouseCode></row></Document_Lines>
              </BO></BOM>
            </dis:AddObject>""";

    private static final String ALERT = """
            <dis:AddObject xmlns:dis="http://www.sap.com/SBO/DIS"><BOM><BO>\
            <AdmInfo><Object>oServiceCalls</Object></AdmInfo><ServiceCalls><row><CustomerCode>C20000</CustomerCode>\
            <Subject>Spindle vibration high</Subject><ItemCode>MACH-7</ItemCode><InternalSerialNum>SN-7</InternalSerialNum>\
            <Priority>scp_High</Priority><U_IotKey>alert:mach7-vib:1795515300000:3</U_IotKey><U_ReadingIds>mach7-vib:1795515300000:3</U_ReadingIds></row></ServiceCalls>\
            </BO></BOM></dis:AddObject>""";

    private static final String METER_WITHOUT_CODE = """
            <dis:AddObject xmlns:dis="http://www.sap.com/SBO/DIS"><BOM><BO>\
            <AdmInfo><Object>UserTable</Object><TableName>IOT_METER</TableName></AdmInfo><UserTable><row>\
            <Name>x</Name><U_SensorId>s</U_SensorId><U_MachineId>m</U_MachineId><U_Unit>Cel</U_Unit>\
            <U_WindowStart>2026-11-24T10:15:00Z</U_WindowStart><U_WindowEnd>2026-11-24T10:16:00Z</U_WindowEnd>\
            <U_Count>1</U_Count><U_Quality>GOOD</U_Quality><U_ReadingIds>s:1:0</U_ReadingIds></row></UserTable>\
            </BO></BOM></dis:AddObject>""";

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SapB1Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = new SapB1Sandbox(SapB1Fixtures.freeLoopbackAddress(), recorder, SapB1Fixtures.LOGIN);
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void recordsCounterAndAlertDocumentsExactlyAsReceived() throws Exception {
        String session = login();
        String counter = envelope(StandardCharsets.UTF_8, session, COUNTER);
        String alert = envelope(StandardCharsets.UTF_16, session, ALERT);

        HttpResponse<String> first = post(counter, StandardCharsets.UTF_8);
        HttpResponse<String> second = post(alert, StandardCharsets.UTF_16);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retKey(first)).isEqualTo("1");
        assertThat(retKey(second)).isEqualTo("2");
        assertThat(recorder.documents("sap-b1")).satisfiesExactly(
                record -> {
                    assertThat(record.kind()).isEqualTo("counter");
                    assertThat(record.key()).isEqualTo("1");
                    assertThat(record.readingIds()).containsExactly("cell3-good:1795515300000:7",
                            "cell3-scrap:1795515300000:8");
                    assertThat(record.body()).isEqualTo(counter.replace(session, SandboxRecord.MASKED));
                },
                record -> {
                    assertThat(record.kind()).isEqualTo("alert");
                    assertThat(record.key()).isEqualTo("2");
                    assertThat(record.readingIds()).containsExactly("mach7-vib:1795515300000:3");
                    assertThat(record.body()).isEqualTo(alert.replace(session, SandboxRecord.MASKED));
                });
    }

    @Test
    void answersAtMostTheConfiguredRate() throws Exception {
        String session = login();
        sandbox.answerAtMost(5); // one answer every 200 ms

        for (int i = 1; i <= 5; i++) {
            // a new reading id each, so each is a new Service Call rather than a duplicate
            String alert = ALERT.replace("mach7-vib:1795515300000:3", "mach7-vib:1795515300000:" + (10 + i));
            assertThat(post(envelope(StandardCharsets.UTF_8, session, alert), StandardCharsets.UTF_8).statusCode())
                    .isEqualTo(200);
        }

        var records = recorder.documents("sap-b1");
        assertThat(records).hasSize(5);
        // five answers are four intervals apart at the least, however fast they were asked
        assertThat(Duration.between(records.get(0).receivedAt(), records.get(4).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(750));
    }

    @Test
    void aRecordCarriesNoSessionId() throws Exception {
        String session = login();

        post(envelope(StandardCharsets.UTF_8, session, ALERT), StandardCharsets.UTF_8);

        assertThat(recorder.documents("sap-b1")).singleElement().satisfies(record -> {
            assertThat(record.body()).doesNotContain(session)
                    .contains("<SessionID>" + SandboxRecord.MASKED + "</SessionID>");
        });
    }

    @Test
    void aLoginWithAWrongPasswordGetsTheFailedLoginFaultAndNoSession() throws Exception {
        HttpResponse<String> response = post(envelope(StandardCharsets.UTF_8, null, LOGIN.formatted("guessed")),
                StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = XmlSupport.parse(response.body());
        assertThat(XmlSupport.elements(fault, null, "faultcode").get(0).getTextContent()).endsWith(":Server");
        assertThat(XmlSupport.elements(fault, null, "faultstring").get(0).getTextContent())
                .isEqualTo(DiServerFaults.USER_AUTHENTICATION_FAILED);
        assertThat(response.body()).doesNotContain("SessionID").doesNotContain("guessed");
        assertThat(sandbox.openSessions()).isZero();
    }

    @Test
    void anUnknownSessionGetsTheInvalidSessionFault() throws Exception {
        HttpResponse<String> response = post(envelope(StandardCharsets.UTF_8, "NO-SUCH-SESSION", ALERT),
                StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = XmlSupport.parse(response.body());
        assertThat(XmlSupport.elements(fault, DiServerFaults.SOAP11_ENVELOPE, "Fault")).hasSize(1);
        assertThat(XmlSupport.elements(fault, null, "faultcode").get(0).getTextContent()).endsWith(":Client");
        assertThat(XmlSupport.elements(fault, null, "faultstring").get(0).getTextContent())
                .isEqualTo(DiServerFaults.INVALID_SESSION_MESSAGE);
        assertThat(recorder.documents("sap-b1")).isEmpty();
    }

    @Test
    void aRequestThatBreaksTheSchemaIsRefusedAndNotRecorded() throws Exception {
        String session = login();

        HttpResponse<String> response = post(envelope(StandardCharsets.UTF_8, session, METER_WITHOUT_CODE),
                StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(XmlSupport.elements(XmlSupport.parse(response.body()), null, "faultstring").get(0)
                .getTextContent()).contains("Code");
        assertThat(recorder.documents("sap-b1")).isEmpty();
    }

    @Test
    void aDoctypeIsNeverResolved() throws Exception {
        String session = login();
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE env:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + envelope(StandardCharsets.UTF_8, session, ALERT.replace("Spindle vibration high", "&x;"))
                        .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length());

        HttpResponse<String> response = post(hostile, StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("root:");
        assertThat(recorder.documents("sap-b1")).isEmpty();
    }

    /** Logs in the way SAP's samples do: a UTF-16 envelope. */
    private String login() throws Exception {
        HttpResponse<String> response = post(envelope(StandardCharsets.UTF_16, null,
                LOGIN.formatted(SapB1Fixtures.LOGIN.companyPassword())), StandardCharsets.UTF_16);
        assertThat(response.statusCode()).isEqualTo(200);
        return XmlSupport.elements(XmlSupport.parse(response.body()), null, "SessionID").get(0).getTextContent();
    }

    private static String envelope(Charset charset, String session, String command) {
        String header = session == null ? "" : "<env:Header><SessionID>" + session + "</SessionID></env:Header>";
        return ENVELOPE.formatted(charset.name(), header, command);
    }

    private static String retKey(HttpResponse<String> response) {
        return XmlSupport.elements(XmlSupport.parse(response.body()), null, "RetKey").get(0).getTextContent();
    }

    private HttpResponse<String> post(String envelope, Charset charset) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.address()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "text/xml; charset=" + charset.name())
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, charset))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
