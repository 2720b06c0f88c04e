package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.faults.PrivateRabbitMq;
import io.iotbridge.sandbox.infor.InforSandboxCredentials;
import io.iotbridge.tls.TestCertificate;
import io.iotbridge.tls.TrustStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bridge given a recognisable value for every secret it takes (ERP passwords and client secret,
 * the Infor .ionapi secrets, broker and PLC passwords, the password in the RabbitMQ URL, key store
 * passwords, its API key) shows none of them in a log line (the startup summary among them), a
 * metric, a health answer, an API answer or the status page, after it has used them all.
 */
class SecretsStayHiddenTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** property -> its secret value; each value unique, so a hit names the property that leaked. */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    private static LoggedLines logged;
    private static BridgeHarness bridge;
    private static String wrongKey;
    private static Level previousLevel;
    private static PrivateRabbitMq rabbit;

    @BeforeAll
    static void start() throws Exception {
        for (String property : List.of("bridge.erp.sap-b1.service-layer.password",
                "bridge.erp.sap-b1.company-password", "bridge.erp.sap-b1.database-password",
                "bridge.erp.dynamics365.client-secret", "bridge.mqtt.password", "bridge.opcua.line1.password",
                "bridge.opcua.keystore-password", "bridge.http.keystore-password", "bridge.tls.truststore-password",
                "bridge.mqtt.keystore-password", "bridge.historian.password")) {
            SECRETS.put(property, "S3cret" + property.replaceAll("\\W", "") + RUN);
        }
        Path dir = Files.createTempDirectory("secrets-test");
        TestCertificate certificate = TestCertificate.of("localhost");
        String keystorePassword = SECRETS.get("bridge.http.keystore-password");
        String truststorePassword = SECRETS.get("bridge.tls.truststore-password");
        Path keystore = certificate.keystore(dir.resolve("http.p12"), keystorePassword);
        Path truststore = certificate.truststore(dir.resolve("trust.p12"), truststorePassword);
        // the MQTT client certificate's key store is opened at start, whatever the broker's scheme
        Path mqttKeystore = certificate.keystore(dir.resolve("mqtt.p12"), SECRETS.get("bridge.mqtt.keystore-password"));

        // the bridge's own DEBUG lines too: an operator turns them on while hunting a fault
        previousLevel = LogManager.getLogger("io.iotbridge").getLevel();
        Configurator.setLevel("io.iotbridge", Level.DEBUG);
        logged = LoggedLines.capture();
        bridge = new BridgeHarness().https(keystore, keystorePassword, TrustStores.context(truststore.toString(),
                truststorePassword)).with("bridge.tls.truststore", truststore.toString())
                .with("bridge.mqtt.username", "bridge").with("bridge.mqtt.keystore", mqttKeystore.toString())
                // the historian's database login (its embedded PostgreSQL trusts loopback, so only the pool holds it)
                .with("bridge.historian.enabled", "true").with("bridge.historian.user", "postgres")
                // SAP B1 on its default transport: the Service Layer's Login carries the password
                .with("bridge.erp.sap-b1.transport", "service-layer");
        SECRETS.forEach(bridge::with);
        if (PrivateRabbitMq.available()) {
            // a RabbitMQ node whose only user has a password of its own, given in bridge.rabbitmq.url;
            // without rabbitmq-server the bridge keeps its embedded broker and guest/guest
            rabbit = new PrivateRabbitMq();
            String password = "S3cretRabbitUrl" + RUN;
            bridge.with("bridge.rabbitmq.url", rabbit.user("bridge", password));
            rabbit.start();
            SECRETS.put("bridge.rabbitmq.url's password", password);
        }
        bridge.with("bridge.erp.infor.ionapi-file", ionApiFile(dir, bridge.property("bridge.sandbox.infor.port")).toString());
        SECRETS.put("API key", BridgeHarness.API_KEY);
        SECRETS.put("API key's secret part", BridgeHarness.API_KEY.substring(BridgeHarness.API_KEY.indexOf('.') + 1));
        SECRETS.put("API key's hash", BridgeHarness.API_KEYS.substring(BridgeHarness.API_KEYS.lastIndexOf(':') + 1));
        bridge.start();
        wrongKey = "test." + "Wr0ngKey" + RUN;
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (logged != null) {
            logged.close();
        }
        if (rabbit != null) {
            rabbit.close();
        }
        Configurator.setLevel("io.iotbridge", previousLevel);
    }

    @Test
    void noSecretShowsInLogsMetricsHealthOrApiAnswersAfterEachWasUsed() throws Exception {
        // the secrets at work: SAP B1 logged in (a meter document), Dynamics 365 took a token
        // (a document there), Infor's token request refused, the API key checked, a wrong key refused
        await("documents in SAP B1 and Dynamics 365").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !bridge.sandboxDocuments("sap-b1").isEmpty()
                        && !bridge.sandboxDocuments("dynamics365").isEmpty()
                        && logged.lines().stream().anyMatch(l -> l.matches("(?s)(WARN|ERROR) .*[Ii]nfor.*")));
        HttpResponse<String> refused = send(bridge.request("/api/v1/sensors").setHeader("Authorization", "Bearer " + wrongKey));
        assertThat(refused.statusCode()).isEqualTo(401);

        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/observe/metrics", "/observe/health?exposureLevel=full", "/observe/health/live",
                "/observe/health/ready")) {
            answers.put(path, bridge.management(path).body());
        }
        for (String path : List.of("/status", "/sensors", "/openapi.json", "/dead-letters", "/sandbox/sap-b1/documents",
                "/sandbox/dynamics365/documents", "/sandbox/infor/documents")) {
            HttpResponse<String> answer = bridge.api("GET", path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            answers.put(path, answer.body());
        }
        answers.put("status page", send(bridge.request("/")).body());
        answers.put("401 answer", refused.body() + refused.headers().map());
        answers.put("log", String.join("\n", logged.linesWithCauses()));

        SECRETS.forEach((property, secret) -> answers.forEach((where, text) ->
                assertThat(text).as("%s in %s", property, where).doesNotContain(secret)));
        assertThat(answers.get("log")).as("the wrong key in the log").doesNotContain(wrongKey);
        if (rabbit != null) {
            assertThat(answers.get("log")).as("the startup summary names the broker in use, its password hidden")
                    .containsPattern("AMQP broker +amqp://bridge:\\*\\*\\*\\*@127\\.0\\.0\\.1:\\d+\\n");
        }
        assertThat(answers.get("log")).as("the log has lines, DEBUG ones too").contains("SAP Business One sandbox")
                .contains("DEBUG io.iotbridge").contains("iot-erp-bridge is running");
    }

    /**
     * An .ionapi file for the Infor sandbox with secrets of its own: the sandbox refuses them, so
     * the refused token request is in the log too.
     */
    private static Path ionApiFile(Path dir, String sandboxPort) throws Exception {
        String base = "http://127.0.0.1:" + sandboxPort;
        String tenant = InforSandboxCredentials.TENANT;
        SECRETS.put("Infor client secret (cs)", "S3cretIonCs" + RUN);
        SECRETS.put("Infor service account secret (sask)", "S3cretIonSask" + RUN);
        String json = """
                {"ti":"%s","cn":"secrets test","ci":"%s","cs":"%s","iu":"%s","pu":"%s/%s/as/","oa":"authorization.oauth2",
                 "ot":"%s","or":"revoke_token.oauth2","saak":"%s","sask":"%s"}""".formatted(tenant,
                InforSandboxCredentials.CLIENT_ID, SECRETS.get("Infor client secret (cs)"), base, base, tenant,
                InforSandboxCredentials.TOKEN_PATH, InforSandboxCredentials.SERVICE_ACCOUNT_KEY,
                SECRETS.get("Infor service account secret (sask)"));
        return Files.writeString(dir.resolve("bridge.ionapi"), json);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().sslContext(TrustStores.context(bridge.property("bridge.tls.truststore"),
                SECRETS.get("bridge.tls.truststore-password"))).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
