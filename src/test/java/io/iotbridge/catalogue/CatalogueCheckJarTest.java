package io.iotbridge.catalogue;

import static io.iotbridge.catalogue.EntryFixtures.copyTree;
import static io.iotbridge.catalogue.EntryFixtures.opcUaEntry;
import static io.iotbridge.catalogue.EntryFixtures.repositoryEntries;
import static io.iotbridge.catalogue.EntryFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check as operators run it: the jar's {@code check} command in a JVM of its own. */
class CatalogueCheckJarTest {

    @TempDir
    Path temp;

    @Test
    void theJarPrintsOnlyItsFindingsOnStandardOutputAndJsonForACi() throws Exception {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "degC", "temperature", "Cel", "sap-b1"));

        Jar text = Jar.run("check", routes.toString());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).as("standard output, the log on standard error:%n%s", text.err())
                .allSatisfy(line -> assertThat(line).matches(".+\\.camel\\.(yaml|xml):\\d+: route \\S+ \\(sensor \\S+\\): .+"
                        + "|\\d+ route files, \\d+ sensor entries accepted, \\d+ refused"))
                .contains(routes.resolve("sensors/line2.camel.yaml") + ":1: route opcua-line2-oven-temp (sensor oven-temp): "
                        + "parameter unit of kamelet:opcua-sensor-source is 'degC', not a UCUM code (did you mean Cel?)")
                .last().asString().endsWith(repositoryEntries() + " sensor entries accepted, 1 refused");

        Jar json = Jar.run("check", "--format", "json", routes.toString());

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(json.out().get(0));
        assertThat(result.get("accepted").asInt()).isEqualTo(repositoryEntries());
        assertThat(result.get("refused").asInt()).isEqualTo(1);
        assertThat(result.get("findings")).singleElement().satisfies(finding -> {
            assertThat(finding.get("file").asText()).isEqualTo(routes.resolve("sensors/line2.camel.yaml").toString());
            assertThat(finding.get("line").asInt()).isEqualTo(1);
            assertThat(finding.get("routeId").asText()).isEqualTo("opcua-line2-oven-temp");
            assertThat(finding.get("sensorId").asText()).isEqualTo("oven-temp");
            assertThat(finding.get("reason").asText()).endsWith("(did you mean Cel?)");
        });
    }

    @Test
    void theJarsCheckWritesNothingWhereItRuns() throws Exception {
        // a copy of the project folder as a plant's CI has it: the catalogue, the schemas, the configuration
        Path project = temp.resolve("plant");
        for (String folder : List.of("routes", "schemas", "config")) {
            copyTree(Path.of(folder), project.resolve(folder));
        }

        Jar check = Jar.run(project, "check", "routes");

        assertThat(check.exitCode()).as("%s%n%s", check.out(), check.err()).isZero();
        assertThat(check.out()).last().asString().endsWith(repositoryEntries() + " sensor entries accepted, 0 refused");
        // no first API key whose only display nobody saw, no OPC UA certificate, no state store
        assertThat(project.resolve("data")).doesNotExist();
    }

    /** The check as the jar runs it: BridgeMain in a JVM of its own, on the test class path, from the project folder. */
    private record Jar(int exitCode, List<String> out, String err) {
        static Jar run(String... args) throws Exception {
            return run(Path.of(""), args);
        }

        static Jar run(Path workingDirectory, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.iotbridge.BridgeMain"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workingDirectory.toAbsolutePath().toFile()).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            List<String> out = read(process.getInputStream()).lines().toList();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the check ends").isTrue();
            return new Jar(process.exitValue(), out, err.get());
        }

        private static String read(InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path copyOfRoutes() throws IOException {
        Path target = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), target);
        return target;
    }
}
