package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.faults.BridgeJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The log's JSON format, as an operator gets it from the jar's main class in a JVM of its own
 * (EmbeddedStopTest reads the default, plain text): with BRIDGE_LOG_FORMAT=json (or -Dbridge.log.format=json) every line on
 * standard output one JSON object with time, level, logger, thread and message, and a logged
 * exception as one field; a secret in neither. An unknown format stops the start.
 */
class LogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "log-format-secret-" + UUID.randomUUID();

    @Test
    void withJsonEveryLineOnStandardOutputIsOneObjectWithItsFields() throws Exception {
        List<String> lines = runEmbeddedDefault("log-format-json", "json");

        assertThat(lines).as("lines logged from start to stop").hasSizeGreaterThan(10);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            for (String field : List.of("time", "level", "logger", "thread", "message")) {
                assertThat(event.path(field).isTextual()).as("%s in %s", field, line).isTrue();
            }
            assertThat(Instant.parse(event.get("time").asText())).isBefore(Instant.now());
        }
        assertThat(lines).anySatisfy(l -> assertThat(JSON.readTree(l).get("message").asText()).contains("shutdown in"));
        assertThat(String.join("\n", lines)).doesNotContain(SECRET, BridgeHarness.API_KEY);
    }

    @Test
    void aLoggedExceptionIsOneFieldOfItsLine() throws Exception {
        Process logger = java(List.of("-Dbridge.log.format=json", LogsAnException.class.getName()));
        String out = new String(logger.getInputStream().readAllBytes());
        assertThat(logger.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out.lines().toList()).as(out).hasSize(1);
        JsonNode event = JSON.readTree(out);
        assertThat(event.get("level").asText()).isEqualTo("ERROR");
        assertThat(event.get("logger").asText()).isEqualTo(LogsAnException.class.getName());
        assertThat(event.get("message").asText()).isEqualTo(LogsAnException.MESSAGE);
        assertThat(event.get("exception").asText()).startsWith("java.lang.IllegalStateException: " + LogsAnException.FAILURE)
                .contains("\tat io.iotbridge.LogsAnException.main", "Caused by: java.io.IOException: " + LogsAnException.CAUSE);
    }

    @Test
    void anUnknownFormatStopsTheStartNamingTheSetting() throws Exception {
        Process bridge = java(List.of("-Dbridge.log.format=jsn", BridgeMain.class.getName()));
        String out = new String(bridge.getInputStream().readAllBytes());
        assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(bridge.exitValue()).as(out).isEqualTo(1);
        assertThat(out.strip()).isEqualTo("bridge.log.format is 'jsn': the log format is plain (the default) or json");
    }

    /**
     * Starts the embedded default (BRIDGE_LOG_FORMAT={@code format} unless null), waits for its first
     * SAP B1 document, stops it with SIGTERM and returns what it wrote on standard output.
     */
    private static List<String> runEmbeddedDefault(String name, String format) throws Exception {
        BridgeJvm jvm = new BridgeJvm(name).errorsApart()
                .with("bridge.embedded.amqp.port", String.valueOf(FreePorts.next()))
                .with("bridge.embedded.mqtt.port", String.valueOf(FreePorts.next()))
                .with("bridge.embedded.opcua.port", String.valueOf(FreePorts.next()))
                .with("bridge.embedded.postgres.port", String.valueOf(FreePorts.next()))
                // used at every DI Server login (sandbox and module alike); in production only from here
                .environment("BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD", SECRET);
        if (format != null) {
            jvm.environment("BRIDGE_LOG_FORMAT", format);
        }
        Files.deleteIfExists(jvm.log());
        Files.deleteIfExists(jvm.errors());
        try (BridgeJvm bridge = jvm.start()) {
            HttpRequest documents = HttpRequest.newBuilder(URI.create(bridge.api() + "/sandbox/sap-b1/documents"))
                    .header("Authorization", "Bearer " + BridgeHarness.API_KEY).build();
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("a first SAP B1 document, see " + bridge.log()).atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() -> http.send(documents, HttpResponse.BodyHandlers.ofString()).body().contains("\"kind\""));
            bridge.terminate();
            return Files.readAllLines(bridge.log());
        }
    }

    private static Process java(List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
