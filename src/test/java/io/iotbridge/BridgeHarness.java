package io.iotbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.api.auth.ApiKeyHash;
import io.iotbridge.faults.ScenarioRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;
import org.awaitility.Awaitility;

/**
 * The real bridge (BridgeMain's Camel Main, application.properties, the route files under
 * routes/, or under bridge.routes.dir when a test points it at a copy) started in the test JVM
 * on free ports, with the test's overrides on top.
 */
public final class BridgeHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API key every harness bridge takes, with every role (bcrypt cost 4: tests start many bridges). */
    public static final String API_KEY = ApiKeyHash.newKey("test");
    /** bridge.api.keys with {@link #API_KEY}; bridges in their own JVM (BridgeJvm) take it too. */
    public static final String API_KEYS = "test:ingest,read,operate:" + ApiKeyHash.hash(API_KEY, 4);

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<MainListener> listeners = new ArrayList<>();
    private final Path dataDir;
    private boolean withoutMqtt;
    private HttpClient http = HttpClient.newHttpClient();
    private String scheme = "http";
    private Main main;
    private Thread runner;
    private volatile Exception failure;

    public BridgeHarness() throws IOException {
        dataDir = Files.createTempDirectory("iot-erp-bridge-test");
        properties.put("bridge.http.port", String.valueOf(FreePorts.next()));
        properties.put("camel.management.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.infor.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.dynamics365.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.sap-b1.port", String.valueOf(FreePorts.next()));
        // the tests written against the DI Server sandbox's records keep that transport; a test of the
        // Service Layer (the bridge's default) says so with with("bridge.erp.sap-b1.transport", "service-layer")
        properties.put("bridge.erp.sap-b1.transport", "di-server");
        properties.put("bridge.embedded.amqp.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.mqtt.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.opcua.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.data-dir", dataDir.toString());
        properties.put("bridge.state-dir", dataDir.resolve("state").toString());
        // one MQTT session per bridge: two bridges with one client id would take over each other's
        // session on the machine's Mosquitto; short-lived, so sessions of ended runs do not pile up
        properties.put("bridge.mqtt.client-id", "test-bridge-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        properties.put("bridge.mqtt.session-expiry", "300");
        // short windows so documents come within seconds
        properties.put("bridge.meter.window", "2s");
        properties.put("bridge.meter.grace", "500ms");
        properties.put("bridge.api.keys", API_KEYS);
        // the demo's HTTP device posts press07-energy, which the HTTP tests post themselves and count
        properties.put("bridge.embedded.http-device", "false");
        // the historian (an embedded PostgreSQL in the embedded default) only where a test is about it
        properties.put("bridge.historian.enabled", "false");
        properties.put("bridge.embedded.postgres.port", String.valueOf(FreePorts.next()));
    }

    /** A request to this bridge's HTTP server ({@code path} from the root, e.g. /api/v1/sensors) with {@link #API_KEY}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base("bridge.http.port") + path))
                .header("Authorization", "Bearer " + API_KEY);
    }

    /** A listener of the bridge's Camel Main, e.g. to watch the context from before it starts. */
    public BridgeHarness listen(MainListener listener) {
        listeners.add(listener);
        return this;
    }

    public BridgeHarness with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /**
     * The API and the management port over HTTPS with this key store (bridge.http.keystore); the
     * harness's own calls then go over HTTPS, trusting {@code trusted}.
     */
    public BridgeHarness https(Path keystore, String password, SSLContext trusted) {
        properties.put("bridge.http.keystore", keystore.toString());
        properties.put("bridge.http.keystore-password", password);
        http = HttpClient.newBuilder().sslContext(trusted).build();
        scheme = "https";
        return this;
    }

    /**
     * MQTT only on {@code url} (every MQTT entry of the test reads it), without the embedded MQTT
     * broker: HiveMQ takes seconds to start and about four to stop, at every bridge a test starts.
     */
    public BridgeHarness mqttBrokerOnly(String url) {
        properties.put("bridge.mqtt.url", url);
        properties.put("bridge.embedded.mqtt.enabled", "false");
        return this;
    }

    /**
     * No MQTT at all (see {@link #mqttBrokerOnly}), for a test that reads none: on the shipped
     * routes (no bridge.routes.dir of the test's own) a copy of them without their MQTT entries.
     */
    public BridgeHarness withoutMqtt() {
        withoutMqtt = true;
        return mqttBrokerOnly("");
    }

    /** {@code http://localhost:<port>}, or https:// with {@link #https}, of a port property. */
    public String base(String portProperty) {
        return scheme + "://localhost:" + property(portProperty);
    }

    public String property(String key) {
        return properties.get(key);
    }

    /** The broker the bridge's MQTT entries read: bridge.mqtt.url when given, else the embedded one. */
    public String mqttUrl() {
        String url = properties.get("bridge.mqtt.url");
        return url != null ? url : "tcp://localhost:" + properties.get("bridge.embedded.mqtt.port");
    }

    public BridgeHarness start() {
        if (withoutMqtt && !properties.containsKey("bridge.routes.dir")) {
            properties.put("bridge.routes.dir", routesWithoutMqtt(dataDir.resolve("routes")).toString());
        }
        main = BridgeMain.create();
        properties.forEach(main::addOverrideProperty);
        listeners.forEach(main::addMainListener);
        // run() as the jar does (start() alone skips part of Main's start-up), on a thread of its own
        CountDownLatch started = new CountDownLatch(1);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                started.countDown();
            }
        });
        runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                failure = e;
                started.countDown();
            }
        }, "bridge-under-test");
        runner.start();
        try {
            if (!started.await(120, TimeUnit.SECONDS) || failure != null) {
                // the cause in the message: CI's summary shows only the message line
                throw new IllegalStateException("the bridge did not start" + (failure == null
                        ? " within 120 s" : ": " + rootCause(failure)), failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // the supervising route controller starts routes after the context, the REST API among them;
        // liveness, as readiness is DOWN while a source (e.g. an OPC UA server a test stopped) is away
        Awaitility.await("REST API up").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> management("/observe/health/live").statusCode() == 200 && sandboxDocuments("sap-b1") != null);
        return this;
    }

    /** routes/ without the sensor files that read MQTT (the demo's CNC-03). */
    private static Path routesWithoutMqtt(Path into) {
        try (Stream<Path> shipped = Files.list(Path.of("routes", "sensors"))) {
            Path sensors = ScenarioRoutes.copy(into).resolve("sensors");
            for (Path file : shipped.toList()) {
                if (!Files.readString(file).contains("kamelet:mqtt-sensor-source")) {
                    Files.copy(file, sensors.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == failure ? failure.toString() : failure + " caused by " + cause;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** GET /api/v1/sandbox/{erp}/documents, as the JSON array the API returns. */
    public List<JsonNode> sandboxDocuments(String erp) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/sandbox/" + erp + "/documents").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sandbox API answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> documents = new ArrayList<>();
        JSON.readTree(response.body()).forEach(documents::add);
        return documents;
    }

    /** A call to the REST API, e.g. {@code api("POST", "/dead-letters/x/replay")}. */
    public HttpResponse<String> api(String method, String path) throws IOException, InterruptedException {
        return http.send(request("/api/v1" + path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST {@code json} to /api/v1{path} on the REST API. */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request("/api/v1" + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /api/v1{path} on the REST API, parsed as JSON. */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1" + path).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("API answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GET on the management port, e.g. /observe/metrics (with {@link #API_KEY}). */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(
                base("camel.management.port") + path))
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status (UP, DOWN) of one health check, e.g. {@code mqtt:127.0.0.1:1883}; null when there is none. */
    public String healthOf(String check) throws IOException, InterruptedException {
        JsonNode c = healthCheck(check);
        return c == null ? null : c.path("status").asText();
    }

    /** What one health check says besides its status; null when there is none. */
    public String healthMessageOf(String check) throws IOException, InterruptedException {
        JsonNode c = healthCheck(check);
        return c == null ? null : c.path("message").asText();
    }

    private JsonNode healthCheck(String check) throws IOException, InterruptedException {
        for (JsonNode c : JSON.readTree(management("/observe/health?exposureLevel=full").body()).path("checks")) {
            if (c.path("name").asText().equals(check)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (main != null) {
            main.completed();
            try {
                runner.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
