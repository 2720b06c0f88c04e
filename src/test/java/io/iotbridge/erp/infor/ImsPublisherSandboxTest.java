package io.iotbridge.erp.infor;

import io.iotbridge.sandbox.infor.InforSandboxCredentials;
import io.iotbridge.sandbox.infor.InforSandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.FreePorts;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token client and the IMS publisher against the sandbox, over real HTTP on loopback. */
class ImsPublisherSandboxTest {

    private final SandboxRecorder recorder = new SandboxRecorder();
    private final HttpClient http = HttpClient.newHttpClient();
    private final InforMeterMapper mapper = new InforMeterMapper(
            new BodSender(() -> InforSandboxCredentials.TENANT, "1000", "", "lid://infor.ims.iot-erp-bridge", null),
            Clock.systemUTC());
    private InforSandbox sandbox;
    private IonApiTokenClient tokens;
    private ImsPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        sandbox = new InforSandbox(FreePorts.next(), recorder);
        sandbox.start();
        publisher = publisherWith(sandbox::credentials);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void meterDocumentIsRecordedWithItsKeyReadingIdsAndExactBody() {
        ImsDocument document = mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment());

        assertThat(publisher.publish(document)).isEqualTo(201);

        assertThat(recorder.documents("infor")).singleElement().satisfies(record -> {
            assertThat(record.erp()).isEqualTo("infor");
            assertThat(record.kind()).isEqualTo("meter");
            assertThat(record.key()).isEqualTo("press08-temp-infor@1795515300000.123");
            assertThat(record.readingIds()).isEqualTo(InforFixtures.window().readingIds());
            assertThat(record.body()).isEqualTo(document.bod());
            // the transport: the IMS message endpoint, the token masked, the documentName of the ParameterRequest
            assertThat(record.url()).startsWith("http://").contains(ImsPublisher.IMS_PATH);
            assertThat(record.method()).isEqualTo("POST");
            assertThat(record.headers()).containsEntry("Authorization", "Bearer ****")
                    .containsEntry("ParameterRequest.documentName", "Sync.SensorReading");
            assertThat(record.headers().get("Content-Type")).startsWith("multipart/form-data");
            assertThat(record.status()).isEqualTo(201);
            assertThat(record.answer()).isEqualTo("{\"message\":\"Published successfully\"}");
        });
        assertThat(sandbox.tokensIssued()).isEqualTo(1);
    }

    @Test
    void tokenIsCachedAcrossDocuments() {
        publisher.publish(mapper.toDocument(InforFixtures.window("a", InforFixtures.WINDOW_START), InforFixtures.enrichment()));
        publisher.publish(mapper.toDocument(InforFixtures.window("b", InforFixtures.WINDOW_START), InforFixtures.enrichment()));

        assertThat(sandbox.tokensIssued()).isEqualTo(1);
        assertThat(recorder.documents("infor")).hasSize(2);
    }

    @Test
    void expiredTokenGetsExactlyOneNewTokenAndTheBodGoesOnce() {
        publisher.publish(mapper.toDocument(InforFixtures.window("first", InforFixtures.WINDOW_START), InforFixtures.enrichment()));
        sandbox.expireTokens();

        publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment()));

        assertThat(sandbox.tokensIssued()).isEqualTo(2);
        assertThat(tokens.tokensFetched()).isEqualTo(2);
        assertThat(recorder.documents("infor")).extracting(SandboxRecord::key)
                .containsExactly("first@1795515300000.123", "press08-temp-infor@1795515300000.123");
    }

    @Test
    void rejectionSurfacesInforsMessageAndRecordsNothing() {
        sandbox.rejectNext(1, "Connection point lid://infor.ims.iot-erp-bridge is inactive");

        assertThatThrownBy(() -> publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment())))
                .isInstanceOfSatisfying(InforRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.inforMessage()).isEqualTo("Connection point lid://infor.ims.iot-erp-bridge is inactive");
                });
        assertThat(recorder.documents("infor")).isEmpty();
    }

    @Test
    void badRequestIsARejectionToo() {
        sandbox.rejectNext(1, 400, "Missing required property");

        assertThatThrownBy(() -> publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment())))
                .isInstanceOfSatisfying(InforRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Missing required property");
    }

    @Test
    void replayWithTheSameMessageIdRecordsOneDocument() {
        ImsDocument document = mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment());

        assertThat(publisher.publish(document)).isEqualTo(201);
        assertThat(publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment()))).isEqualTo(201);

        List<SandboxRecord> documents = recorder.documents("infor");
        assertThat(documents).hasSize(1);
    }

    @Test
    void unavailableImsIsTransient() {
        sandbox.failNext(1);

        assertThatThrownBy(() -> publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment())))
                .isInstanceOf(InforUnavailableException.class).hasMessageContaining("503");
        assertThat(publisher.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment()))).isEqualTo(201);
        assertThat(recorder.documents("infor")).hasSize(1);
    }

    @Test
    void wrongSecretIsRefusedByTheTokenEndpointWithoutEchoingIt() {
        IonApiCredentials good = sandbox.credentials();
        IonApiCredentials wrong = new IonApiCredentials(good.tenantId(), good.clientName(), good.clientId(),
                good.clientSecret(), good.ionApiUrl(), good.authorizationServer(), good.authorizationPath(),
                good.tokenPath(), good.revokePath(), good.serviceAccountKey(), "test-only-wrong-secret");
        ImsPublisher refused = publisherWith(() -> wrong);

        assertThatThrownBy(() -> refused.publish(mapper.toDocument(InforFixtures.window(), InforFixtures.enrichment())))
                .isInstanceOfSatisfying(InforAuthException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("test-only-wrong-secret");
    }

    @Test
    void pingAnswersWithAToken() {
        assertThat(publisher.ping()).isTrue();
    }

    private ImsPublisher publisherWith(Supplier<IonApiCredentials> credentials) {
        tokens = new IonApiTokenClient(credentials, http, Duration.ofSeconds(5), Clock.systemUTC());
        return new ImsPublisher(credentials, tokens, http, "lid://infor.ims.iot-erp-bridge", "lid://default",
                Duration.ofSeconds(5));
    }
}
