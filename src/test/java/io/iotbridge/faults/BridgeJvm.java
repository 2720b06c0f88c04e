package io.iotbridge.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The bridge in a JVM of its own (main {@code io.iotbridge.BridgeMain}, the test class path), so
 * a scenario can kill it as an operating system does: SIGKILL (nothing runs after it) or SIGTERM
 * (Camel Main's graceful shutdown). Its log goes to a file under {@code target/}; with
 * {@link #errorsApart()} its standard error goes to a second one.
 */
public final class BridgeJvm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path log;
    private Path errors;
    private Process process;

    public BridgeJvm(String name) throws IOException {
        Path dataDir = Files.createTempDirectory("iot-erp-bridge-" + name);
        log = Files.createDirectories(Path.of("target", "fault-scenarios")).resolve(name + ".log");
        properties.put("bridge.http.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.management.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.infor.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.dynamics365.port", String.valueOf(FreePorts.next()));
        properties.put("bridge.sandbox.sap-b1.port", String.valueOf(FreePorts.next()));
        // the scenarios read the DI Server sandbox's records
        properties.put("bridge.erp.sap-b1.transport", "di-server");
        properties.put("bridge.embedded.data-dir", dataDir.toString());
        properties.put("bridge.state-dir", dataDir.resolve("state").toString());
        properties.put("bridge.meter.window", "2s");
        properties.put("bridge.meter.grace", "500ms");
        properties.put("bridge.api.keys", BridgeHarness.API_KEYS);
    }

    public BridgeJvm with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An environment variable of the bridge's JVM. */
    public BridgeJvm environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Standard error to a file of its own ({@link #errors()}), so {@link #log()} holds standard output only. */
    public BridgeJvm errorsApart() {
        errors = log.resolveSibling(log.getFileName().toString().replace(".log", ".err.log"));
        return this;
    }

    /** Starts the JVM and returns once its health check answers and its ERP consumer runs. */
    public BridgeJvm start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("io.iotbridge.BridgeMain");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        }
        process = builder.start();
        Awaitility.await("bridge process up, see " + log).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the bridge process exited with " + process.exitValue() + ", see " + log);
                    }
                    return get("http://localhost:" + properties.get("bridge.management.port") + "/observe/health") == 200;
                });
        return this;
    }

    public String api() {
        return "http://localhost:" + properties.get("bridge.http.port") + "/api/v1";
    }

    /** SIGKILL: the JVM ends at once, nothing of its shutdown runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Camel Main's graceful shutdown; returns the exit code once the JVM has ended. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the bridge did not end within 90 s of SIGTERM, see " + log);
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    public Path errors() {
        return errors;
    }

    /** The reading ids in {@code erp}'s dead-letter queue, from GET /api/v1/dead-letters. */
    List<String> deadLetterIds(String erp) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api() + "/dead-letters?limit=1000"))
                        .header("Authorization", "Bearer " + BridgeHarness.API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /dead-letters answered " + r.statusCode() + ": " + r.body());
        }
        return DeliveryLedger.deadLetterIds(JSON.readTree(r.body()), erp);
    }

    private int get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
