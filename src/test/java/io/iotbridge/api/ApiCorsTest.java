package io.iotbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.BridgeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With bridge.api.cors-origins set, a page of that origin may call the API from a browser (the
 * preflight is answered without credentials, the call itself still needs them) and a page of any
 * other origin may not.
 */
class ApiCorsTest {

    private static final String HMI = "https://hmi.plant.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.api.cors-origins", HMI + ", https://mes.plant.example").withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aConfiguredOriginGetsThePreflightAndTheAnswerAnotherDoesNot() throws Exception {
        HttpResponse<String> preflight = preflight(HMI);
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(HMI);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> get = HTTP.send(bridge.request("/api/v1/sensors").header("Origin", HMI).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(HMI);

        HttpResponse<String> other = preflight("http://evil.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aCallFromAConfiguredOriginStillNeedsCredentials() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
                        URI.create(bridge.base("bridge.http.port") + "/api/v1/sensors"))
                .header("Origin", HMI).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(bridge.base("bridge.http.port") + "/api/v1/readings"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
