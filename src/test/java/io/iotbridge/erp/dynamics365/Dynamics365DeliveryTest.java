package io.iotbridge.erp.dynamics365;

import io.iotbridge.sandbox.dynamics365.SandboxRequest;
import io.iotbridge.sandbox.dynamics365.Dynamics365Sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.FreePorts;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enqueue client against the sandbox, over real HTTP on a loopback port. */
class Dynamics365DeliveryTest {

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final Dynamics365MeterMapper mapper = new Dynamics365MeterMapper();
    private Dynamics365Sandbox sandbox;
    private Dynamics365EnqueueClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = new Dynamics365Sandbox(FreePorts.next(), Dynamics365Fixtures.CLIENT_ID,
                Dynamics365Fixtures.CLIENT_SECRET, recorder);
        sandbox.start();
        client = new Dynamics365EnqueueClient(Dynamics365Fixtures.settings(sandbox.address(), Dynamics365Fixtures.CLIENT_SECRET));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void enqueueRecordsTheDocumentExactlyAsSentAndReturnsTheMessageId() {
        EntityDocument document = mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment());

        String messageId = client.enqueue(document);

        assertThat(messageId).isNotBlank();
        assertThat(recorder.documents("dynamics365")).singleElement().satisfies(record -> {
            assertThat(record.erp()).isEqualTo("dynamics365");
            assertThat(record.kind()).isEqualTo("meter");
            assertThat(record.key()).isEqualTo("meter:press08-vib-d365@1795515300000.123");
            assertThat(record.readingIds()).isEqualTo(Dynamics365Fixtures.window().readingIds());
            assertThat(record.body()).isEqualTo(document.xml());
            // the transport: the enqueue URL with its entity, the token masked, the external identifier, the message id
            assertThat(record.url()).startsWith(sandbox.address()
                    + "/api/connector/enqueue/%7B6D31E09F-0249-459F-94F0-AAD9C2C47B64%7D?entity=");
            assertThat(record.method()).isEqualTo("POST");
            assertThat(record.headers()).containsEntry("Authorization", "Bearer ****")
                    .containsEntry(Dynamics365EnqueueClient.EXTERNAL_ID_HEADER, document.key());
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.answer()).isEqualTo(messageId);
        });
        SandboxRequest enqueue = sandbox.requests().stream().filter(r -> r.path().startsWith("/api/")).findFirst().orElseThrow();
        assertThat(enqueue.path()).isEqualTo("/api/connector/enqueue/{6D31E09F-0249-459F-94F0-AAD9C2C47B64}");
        assertThat(enqueue.externalId()).isEqualTo(document.key());
        assertThat(sandbox.requests()).anySatisfy(r ->
                assertThat(r.path()).isEqualTo("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    }

    @Test
    void theTokenIsCachedAcrossDocuments() {
        client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()));
        client.enqueue(mapper.toDocument(window(1), Dynamics365Fixtures.enrichment()));
        client.enqueue(mapper.toDocument(window(2), Dynamics365Fixtures.enrichment()));

        assertThat(sandbox.tokensIssued()).isEqualTo(1);
        assertThat(recorder.documents("dynamics365")).hasSize(3);
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        // a 2 s token: half its lifetime is the most the client uses it
        sandbox.tokenLifetime(Duration.ofSeconds(2));
        client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()));
        assertThat(sandbox.tokensIssued()).isEqualTo(1);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    client.enqueue(mapper.toDocument(window(1), Dynamics365Fixtures.enrichment()));
                    return sandbox.tokensIssued() == 2;
                });
        assertThat(sandbox.requests()).noneMatch(r -> r.status() == 401);
    }

    @Test
    void anExpiredTokenIsReplacedAndTheDocumentStillGoesOnce() {
        client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()));
        sandbox.expireTokens();

        String messageId = client.enqueue(mapper.toDocument(window(1), Dynamics365Fixtures.enrichment()));

        assertThat(messageId).isNotBlank();
        assertThat(sandbox.tokensIssued()).isEqualTo(2);
        assertThat(client.tokensFetched()).isEqualTo(2);
        assertThat(recorder.documents("dynamics365")).extracting(SandboxRecord::key)
                .containsExactly("meter:press08-vib-d365@1795515300000.123", "meter:press08-vib-d365@1795515360000.123");
        assertThat(sandbox.requests()).filteredOn(r -> r.status() == 401).hasSize(1);
    }

    @Test
    void aThrottledDocumentWaitsTheRetryAfterAndGoesOnce() {
        sandbox.throttleNext(1, 1);
        EntityDocument document = mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment());

        client.enqueue(document);

        List<SandboxRequest> enqueues = sandbox.requests().stream().filter(r -> r.path().startsWith("/api/")).toList();
        assertThat(enqueues).extracting(SandboxRequest::status).containsExactly(429, 200);
        assertThat(Duration.between(enqueues.get(0).at(), enqueues.get(1).at()))
                .as("time between the 429 and the retry").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(recorder.documents("dynamics365")).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanTheClientWaitsSurfacesAsTransientWithIt() {
        sandbox.throttleNext(1, 120);

        assertThatThrownBy(() -> client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment())))
                .isInstanceOfSatisfying(Dynamics365TransientException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(recorder.documents("dynamics365")).isEmpty();
    }

    @Test
    void anUnavailableServiceIsRetriedWithBackoff() {
        sandbox.failNext(2);

        assertThat(client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()))).isNotBlank();

        assertThat(sandbox.requests().stream().filter(r -> r.path().startsWith("/api/")).map(SandboxRequest::status))
                .containsExactly(503, 503, 200);
        assertThat(recorder.documents("dynamics365")).hasSize(1);
    }

    @Test
    void aBusinessRejectionSurfacesTheErpsMessageAndIsNotRetried() {
        String infolog = "Write failed for table row of type 'EntAssetCounterRegistrationEntity'. "
                + "Infolog: Asset 'PRESS-08' does not exist.";
        sandbox.rejectNext(1, infolog);

        assertThatThrownBy(() -> client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment())))
                .isInstanceOfSatisfying(Dynamics365RejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.erpMessage()).contains(infolog);
                    assertThat(e.getMessage()).contains("Asset 'PRESS-08' does not exist.");
                });
        assertThat(sandbox.requests().stream().filter(r -> r.path().startsWith("/api/"))).hasSize(1);
        assertThat(recorder.documents("dynamics365")).isEmpty();

        assertThat(client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()))).isNotBlank();
        assertThat(recorder.documents("dynamics365")).hasSize(1);
    }

    @Test
    void aReplayWithTheSameExternalIdentifierRecordsOneDocument() {
        EntityDocument document = mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment());

        String first = client.enqueue(document);
        String replay = client.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()));

        assertThat(replay).isEqualTo(first);
        assertThat(recorder.documents("dynamics365")).hasSize(1);
    }

    @Test
    void wrongCredentialsNameEntrasErrorAndNeverTheSecret() {
        Dynamics365EnqueueClient wrong = new Dynamics365EnqueueClient(
                Dynamics365Fixtures.settings(sandbox.address(), "not-the-secret"));

        assertThatThrownBy(() -> wrong.enqueue(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment())))
                .isInstanceOf(Dynamics365AuthenticationException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining("not-the-secret");
        assertThat(recorder.documents("dynamics365")).isEmpty();
    }

    @Test
    void theSandboxRefusesMissingTokensAndInvalidFiles() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI enqueue = Dynamics365Fixtures.settings(sandbox.address(), "").enqueueUri("Asset counter registrations");

        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(enqueue)
                .POST(HttpRequest.BodyPublishers.ofString(mapper.toDocument(Dynamics365Fixtures.window(), Dynamics365Fixtures.enrichment()).xml())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);

        String token = token();
        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(enqueue)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("<Document><NOPE/></Document>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(ODataError.parse(invalid.body())).hasValueSatisfying(e ->
                assertThat(e.erpMessage()).contains("NOPE"));
        assertThat(recorder.documents("dynamics365")).isEmpty();
    }

    /** A token obtained the way the module does, for raw requests. */
    private String token() throws Exception {
        Dynamics365Settings settings = Dynamics365Fixtures.settings(sandbox.address(), Dynamics365Fixtures.CLIENT_SECRET);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(settings.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + Dynamics365Fixtures.CLIENT_ID + "&client_secret=" + Dynamics365Fixtures.CLIENT_SECRET
                        + "&scope=" + Dynamics365Settings.encode(settings.scope()))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    private static io.iotbridge.meter.MeterWindow window(int minutesLater) {
        return Dynamics365Fixtures.window("press08-vib-d365", Dynamics365Fixtures.WINDOW_START.plusSeconds(60L * minutesLater));
    }
}
