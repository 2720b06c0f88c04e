package io.iotbridge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.BridgeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of the REST API, the status page and the metrics against every kind of caller:
 * none, a wrong key, a key without the endpoint's role, an expired token, tokens of another issuer
 * or audience, a token without the role, a key and a token with only that role. The bridge really
 * runs; the tokens' issuer serves its JWKS over HTTP on loopback.
 */
class ApiAccessTest {

    private record Endpoint(String method, String path, String body, Role role, int ok, boolean management) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/sensors", null, Role.READ, 200, false),
            new Endpoint("GET", "/api/v1/sensors/refused", null, Role.READ, 200, false),
            new Endpoint("GET", "/api/v1/status", null, Role.READ, 200, false),
            new Endpoint("GET", "/api/v1/sandbox/sap-b1/documents", null, Role.READ, 200, false),
            new Endpoint("GET", "/api/v1/dead-letters", null, Role.READ, 200, false),
            new Endpoint("GET", "/api/v1/openapi.json", null, Role.READ, 200, false),
            // the historian is off in the harness: 503, once the caller may ask
            new Endpoint("GET", "/api/v1/kpis", null, Role.READ, 503, false),
            new Endpoint("GET", "/api/v1/erp/sap-b1/production-orders/PRESS-07", null, Role.READ, 200, false),
            new Endpoint("GET", "/", null, Role.READ, 200, false),
            new Endpoint("POST", "/api/v1/readings", "{}", Role.INGEST, 400, false),
            new Endpoint("POST", "/api/v1/dead-letters/no-such-reading:1:0/replay", "", Role.OPERATE, 404, false),
            new Endpoint("POST", "/api/v1/erp/sap-b1/service-calls", "{}", Role.OPERATE, 400, false),
            new Endpoint("GET", "/observe/metrics", null, Role.READ, 200, true));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> ALL_KEYS = new ArrayList<>();
    private static TestIssuer issuer;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer();
        StringBuilder keys = new StringBuilder(BridgeHarness.API_KEYS);
        for (Role role : Role.values()) {
            // one key with only the role, one with every role but it
            keys.append(' ').append(entry("only-" + role.label(), EnumSet.of(role)));
            keys.append(' ').append(entry("no-" + role.label(), EnumSet.complementOf(EnumSet.of(role))));
        }
        bridge = new BridgeHarness().with("bridge.api.keys", keys.toString())
                .with("bridge.api.jwt.issuer", issuer.issuer)
                .with("bridge.api.jwt.jwks-url", issuer.jwksUrl())
                .with("bridge.api.jwt.audience", TestIssuer.AUDIENCE)
                .withoutMqtt()
                .start();
    }

    private static String entry(String name, Set<Role> roles) {
        String key = ApiKeyHash.newKey(name);
        ALL_KEYS.add(key);
        return name + ":" + String.join(",", roles.stream().map(Role::label).toList()) + ":" + ApiKeyHash.hash(key, 4);
    }

    private static String key(String name) {
        return ALL_KEYS.stream().filter(k -> k.startsWith(name + ".")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAgainstEveryCaller() {
        return ENDPOINTS.stream().flatMap(e -> Stream.of(
                DynamicTest.dynamicTest(e + ": no credentials, 401", () -> {
                    HttpResponse<String> r = call(e, null);
                    assertThat(r.statusCode()).isEqualTo(401);
                    // one challenge per header: Chromium reads only the first of a header (no login box on the status page)
                    assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(2)
                            .anySatisfy(v -> assertThat(v).startsWith("Bearer realm="))
                            .anySatisfy(v -> assertThat(v).startsWith("Basic realm="));
                    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                }),
                DynamicTest.dynamicTest(e + ": a wrong key, 401", () -> {
                    assertThat(call(e, "Bearer " + key("only-" + e.role().label()) + "x").statusCode()).isEqualTo(401);
                    assertThat(call(e, "Bearer " + ApiKeyHash.newKey("unknown")).statusCode()).isEqualTo(401);
                }),
                DynamicTest.dynamicTest(e + ": a key without the role, 403", () ->
                        assertThat(call(e, "Bearer " + key("no-" + e.role().label())).statusCode()).isEqualTo(403)),
                DynamicTest.dynamicTest(e + ": an expired token, 401", () ->
                        assertThat(call(e, "Bearer " + issuer.expiredToken(List.of(e.role().label()))).statusCode()).isEqualTo(401)),
                DynamicTest.dynamicTest(e + ": a token of another issuer, 401", () -> {
                    assertThat(call(e, "Bearer " + issuer.tokenOfAnotherIssuer(List.of(e.role().label()))).statusCode()).isEqualTo(401);
                    assertThat(call(e, "Bearer " + issuer.tokenNamingAnotherIssuer(List.of(e.role().label()))).statusCode()).isEqualTo(401);
                    assertThat(call(e, "Bearer " + issuer.tokenForAnotherAudience(List.of(e.role().label()))).statusCode()).isEqualTo(401);
                }),
                DynamicTest.dynamicTest(e + ": a token without the role, 403", () -> {
                    List<String> others = EnumSet.complementOf(EnumSet.of(e.role())).stream().map(Role::label).toList();
                    assertThat(call(e, "Bearer " + issuer.token(others)).statusCode()).isEqualTo(403);
                }),
                DynamicTest.dynamicTest(e + ": a key with the role, " + e.ok(), () ->
                        assertThat(call(e, "Bearer " + key("only-" + e.role().label())).statusCode()).isEqualTo(e.ok())),
                DynamicTest.dynamicTest(e + ": a token with the role, " + e.ok(), () ->
                        assertThat(call(e, "Bearer " + issuer.token(List.of(e.role().label()))).statusCode()).isEqualTo(e.ok()))));
    }

    @Test
    void aBrowserSendsTheKeyAsBasicPassword() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("operator:" + key("only-read")).getBytes(StandardCharsets.UTF_8));
        assertThat(call(ENDPOINTS.get(7), basic).statusCode()).isEqualTo(200);
        assertThat(call(ENDPOINTS.get(0), basic).statusCode()).isEqualTo(200);
    }

    @Test
    void healthStaysOpen() throws Exception {
        HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + bridge.property("camel.management.port") + "/observe/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> call(Endpoint e, String authorization) throws Exception {
        String port = bridge.property(e.management() ? "camel.management.port" : "bridge.http.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + e.path()))
                .method(e.method(), e.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(e.body()));
        if (e.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
