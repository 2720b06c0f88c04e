package io.iotbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real bridge (BridgeMain's Camel Main, application.properties, the route files under
 * routes/) started in the test JVM on free ports, with the test's overrides on top.
 */
public final class BridgeHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Main main;

    public BridgeHarness() throws IOException {
        Path dataDir = Files.createTempDirectory("iot-erp-bridge-test");
        properties.put("bridge.http.port", String.valueOf(FreePorts.next()));
        properties.put("camel.management.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.amqp.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.mqtt.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.opcua.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.embedded.data-dir", dataDir.toString());
        // short windows so documents come within seconds
        properties.put("bridge.meter.window", "2s");
        properties.put("bridge.meter.grace", "500ms");
    }

    public BridgeHarness with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public String property(String key) {
        return properties.get(key);
    }

    public BridgeHarness start() {
        main = BridgeMain.create();
        properties.forEach(main::addOverrideProperty);
        main.start();
        return this;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** GET /api/v1/sandbox/{erp}/documents, as the JSON array the API returns. */
    public List<JsonNode> sandboxDocuments(String erp) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + property("bridge.http.port") + "/api/v1/sandbox/" + erp + "/documents")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sandbox API answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> documents = new ArrayList<>();
        JSON.readTree(response.body()).forEach(documents::add);
        return documents;
    }

    /** GET on the management port, e.g. /observe/metrics. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + property("camel.management.port") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (main != null) {
            main.stop();
        }
    }
}
