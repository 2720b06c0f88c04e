package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/ checked statically (no Docker engine here): the bridge's state directory, which holds
 * what it has taken but not yet delivered, is on a named volume in the image and the compose
 * stack, and the image's health check asks the readiness endpoint on the management port; the
 * historian is the postgres service, which Grafana reads as the read-only role, and every query
 * of the provisioned dashboard reads a view or table the historian's migrations make.
 */
class DockerFilesTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
    private static final Path COMPOSE = Path.of("docker", "compose.yaml");
    private static final Path GRAFANA = Path.of("docker", "grafana");

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

    @Test
    void theHistorianIsThePostgresServiceWhichGrafanaReadsAsTheReadOnlyRole() throws IOException {
        Map<String, Object> services = map(yaml(COMPOSE).get("services"));
        Map<String, Object> bridgeEnv = map(map(services.get("bridge")).get("environment"));
        assertThat(bridgeEnv.get("BRIDGE_HISTORIAN_JDBC_URL")).isEqualTo("jdbc:postgresql://postgres:5432/plant");
        assertThat(services).containsKeys("postgres", "grafana");
        Map<String, Object> postgres = map(services.get("postgres"));
        assertThat(map(postgres.get("environment")).get("POSTGRES_DB")).isEqualTo("plant");
        @SuppressWarnings("unchecked")
        List<String> grafanaVolumes = (List<String>) map(services.get("grafana")).get("volumes");
        assertThat(grafanaVolumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        // every password of the stack comes from the shell, none is written down
        services.values().forEach(service -> {
            Object env = map(service).get("environment");
            if (env != null) {
                map(env).forEach((name, value) -> {
                    if (name.contains("PASSWORD")) {
                        assertThat(String.valueOf(value)).as(name).startsWith("${");
                    }
                });
            }
        });

        @SuppressWarnings("unchecked")
        Map<String, Object> source = map(((List<Object>) yaml(GRAFANA.resolve("provisioning/datasources/historian.yaml"))
                .get("datasources")).get(0));
        assertThat(source.get("url")).isEqualTo("postgres:5432");
        assertThat(map(source.get("jsonData")).get("database")).isEqualTo("plant");
        assertThat(source.get("user")).isEqualTo("bi_reader");
        assertThat(map(source.get("secureJsonData")).get("password")).isEqualTo("$BI_READER_PASSWORD");
        String init = Files.readString(Path.of("docker", "postgres", "init-bi-reader.sh"));
        assertThat(init).contains("CREATE ROLE bi_reader LOGIN", "default_transaction_read_only = on",
                "GRANT SELECT ON TABLES TO bi_reader").doesNotContain("GRANT ALL", "INSERT", "SUPERUSER");
        assertThat(postgres.get("volumes").toString()).contains("./postgres/init-bi-reader.sh:/docker-entrypoint-initdb.d/");
    }

    @Test
    void everyDashboardQueryReadsWhatTheHistoriansMigrationsMake() throws IOException {
        Set<String> made = new HashSet<>();
        Pattern create = Pattern.compile("CREATE (?:TABLE|VIEW) (\\w+)");
        try (var migrations = Files.list(Path.of("src", "main", "resources", "db", "historian"))) {
            for (Path migration : migrations.toList()) {
                Matcher m = create.matcher(Files.readString(migration));
                while (m.find()) {
                    made.add(m.group(1));
                }
            }
        }
        String uid = String.valueOf(map(((List<?>) yaml(GRAFANA.resolve("provisioning/datasources/historian.yaml"))
                .get("datasources")).get(0)).get("uid"));
        JsonNode dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards/iot-erp-bridge.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> {
            assertThat(t.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            queries.add(t.path("rawSql").asText());
        }));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("query").asText()));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        Pattern from = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
        Set<String> read = new HashSet<>();
        for (String query : queries) {
            Matcher m = from.matcher(query);
            assertThat(m.find()).as("a query that reads something: " + query).isTrue();
            do {
                read.add(m.group(1));
            } while (m.find());
        }
        assertThat(made).containsAll(read);
        assertThat(read).contains("oee_by_shift", "readings_by_machine_shift", "alerts_with_documents");
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
