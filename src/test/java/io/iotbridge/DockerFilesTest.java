package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/ checked statically (no Docker engine here): the bridge's state directory, which holds
 * what it has taken but not yet delivered, is on a named volume in the image and the compose
 * stack, and the image's health check asks the readiness endpoint on the management port.
 */
class DockerFilesTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
    private static final Path COMPOSE = Path.of("docker", "compose.yaml");

    @Test
    void theStateDirectoryIsAVolumeInTheImageAndTheComposeStack() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        String workdir = lastArgument(dockerfile, "WORKDIR");
        String stateDir = workdir + "/" + defaults().getProperty("bridge.state-dir");
        assertThat(dockerfile).contains("VOLUME " + stateDir);

        Map<String, Object> compose = yaml(COMPOSE);
        Map<String, Object> bridge = map(map(compose.get("services")).get("bridge"));
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) bridge.get("volumes");
        String mount = volumes.stream().filter(v -> v.endsWith(":" + stateDir)).findFirst().orElseThrow(
                () -> new AssertionError("no volume of the bridge service is mounted at " + stateDir + ": " + volumes));
        String volume = mount.substring(0, mount.indexOf(':'));
        assertThat(map(compose.get("volumes"))).as("a named volume, kept across containers").containsKey(volume);
    }

    @Test
    void theHealthCheckAsksReadinessOnTheManagementPort() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE).replace("\\\n", " ");
        String healthcheck = dockerfile.lines().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow();
        assertThat(healthcheck).contains("127.0.0.1:" + defaults().getProperty("bridge.management.port") + "/observe/health/ready");
        assertThat(dockerfile).contains("EXPOSE 8080 " + defaults().getProperty("bridge.management.port"));
    }

    private static Properties defaults() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static String lastArgument(String dockerfile, String instruction) {
        return dockerfile.lines().filter(l -> l.startsWith(instruction + " ")).reduce((a, b) -> b).orElseThrow()
                .substring(instruction.length() + 1).strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
