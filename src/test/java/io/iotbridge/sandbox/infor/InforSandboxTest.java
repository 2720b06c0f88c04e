package io.iotbridge.sandbox.infor;

import io.iotbridge.erp.infor.ImsMultipart;
import io.iotbridge.erp.infor.ImsPublisher;
import io.iotbridge.erp.infor.InforMeterMapper;
import io.iotbridge.erp.infor.IonApiCredentials;
import io.iotbridge.erp.infor.IonApiTokenClient;
import io.iotbridge.erp.infor.InforFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.FreePorts;
import io.iotbridge.sandbox.SandboxRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the sandbox refuses, asked over raw HTTP as a client other than ours would. */
class InforSandboxTest {

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final HttpClient http = HttpClient.newHttpClient();
    private InforSandbox sandbox;
    private String imsUrl;
    private String token;

    @BeforeEach
    void start() throws Exception {
        sandbox = new InforSandbox(FreePorts.next(), recorder);
        sandbox.start();
        IonApiCredentials c = sandbox.credentials();
        imsUrl = c.tenantUrl() + ImsPublisher.IMS_PATH + ImsPublisher.MULTIPART_MESSAGE;
        token = new IonApiTokenClient(sandbox::credentials, http, Duration.ofSeconds(5), Clock.systemUTC()).token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void withoutBearerTokenIs401() throws Exception {
        HttpResponse<String> response = post(null, "Sync.SensorReading", validBod());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(recorder.documents("infor")).isEmpty();
    }

    @Test
    void bodThatBreaksTheSchemaIs412WithTheReason() throws Exception {
        String invalid = validBod().replace("<Quality>GOOD</Quality>", "<Quality>SHINY</Quality>");

        HttpResponse<String> response = post(token, "Sync.SensorReading", invalid);

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("SHINY");
        assertThat(recorder.documents("infor")).isEmpty();
    }

    @Test
    void documentNameMustMatchTheBod() throws Exception {
        HttpResponse<String> response = post(token, "Process.MaintenanceOrder", validBod());

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("Sync.SensorReading");
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + validBod().replace("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", "")
                        .replace("<SensorID>press08-temp-infor</SensorID>", "<SensorID>&e;</SensorID>");

        HttpResponse<String> response = post(token, "Sync.SensorReading", xxe);

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).doesNotContain("root:");
        assertThat(recorder.documents("infor")).isEmpty();
    }

    @Test
    void tokenEndpointRefusesAnotherGrantAndAnotherClient() throws Exception {
        String url = sandbox.credentials().tokenUrl();
        assertThat(form(url, "grant_type=client_credentials&client_id=x&client_secret=y").statusCode()).isEqualTo(400);
        assertThat(form(url, "grant_type=password&username=u&password=p&client_id=x&client_secret=y").statusCode())
                .isEqualTo(401);
    }

    private String validBod() {
        return new InforMeterMapper(InforFixtures.SENDER, InforFixtures.CLOCK).toDocument(InforFixtures.window(), InforFixtures.enrichment()).bod();
    }

    private HttpResponse<String> post(String bearer, String documentName, String bod) throws Exception {
        String parameters = "{\"documentName\":\"" + documentName + "\",\"messageId\":\"m-1\","
                + "\"fromLogicalId\":\"lid://infor.ims.iot-erp-bridge\",\"toLogicalId\":\"lid://default\","
                + "\"encoding\":\"NONE\",\"characterSet\":\"UTF-8\"}";
        ImsMultipart multipart = new ImsMultipart(parameters, bod.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(imsUrl))
                .header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
