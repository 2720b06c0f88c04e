package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.LoggedLines;
import io.iotbridge.status.HeadlessBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A running file edited into a version the catalogue refuses keeps its last good version running,
 * and says so everywhere an operator looks: the status payload and the status page (in a real
 * browser) name the file, the reason and that the version before runs; the health check
 * {@code catalogue} says it in its message and counts it in its details; the log has one line for
 * it. A good version written afterwards clears all of them.
 */
class RefusedEditShownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "line9-http.camel.yaml";
    private static final String ROUTE = "http-line9-oven-energy";
    private static final String SENSOR = "line9-oven-energy";
    private static final String REASON = "'Wh', not a UCUM code (did you mean W.h?)";

    @TempDir
    Path temp;

    @Test
    void aRefusedEditShowsItsFileReasonAndRunningVersionInThePayloadPageHealthAndOneLogLine() throws Exception {
        HeadlessBrowser.assumeInstalled();
        Path routes = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), routes);
        Path file = routes.resolve("sensors").resolve(FILE);
        Files.writeString(file, EntryFixtures.httpEntry(ROUTE, SENSOR, "W.h"));
        try (LoggedLines log = LoggedLines.capture();
             BridgeHarness bridge = new BridgeHarness().with("bridge.routes.dir", routes.toString()).start();
             HeadlessBrowser page = HeadlessBrowser.onStatusPage(bridge)) {
            assertThat(bridge.getJson("/status").path("catalogue").path("refusedCount").asInt()).isZero();

            Files.writeString(file, EntryFixtures.httpEntry(ROUTE, SENSOR, "Wh"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode catalogue = bridge.getJson("/status").path("catalogue");
                assertThat(catalogue.path("refusedCount").asInt()).isEqualTo(1);
                assertThat(catalogue.path("lastGoodVersionRunning").asInt()).isEqualTo(1);
                JsonNode refusal = catalogue.path("refused").get(0);
                assertThat(refusal.path("file").asText()).endsWith("sensors/" + FILE);
                assertThat(refusal.path("routeId").asText()).isEqualTo(ROUTE);
                assertThat(refusal.path("reasons").toString()).contains(REASON).doesNotContain("keeps running");
                assertThat(refusal.path("lastGoodVersionRuns").asBoolean()).isTrue();
                assertThat(refusal.path("running").asText()).isEqualTo("the version loaded before keeps running");
            });

            JsonNode health = catalogueCheck(bridge);
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("message").asText()).contains(FILE, REASON, "; the version loaded before keeps running");
            assertThat(health.path("data").path("lastGoodVersionRunning").asInt()).as(health.toString()).isEqualTo(1);

            WebDriver browser = page.driver();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                List<String> row = cells(refusedRow(browser).orElseThrow());
                assertThat(row.get(0)).contains(FILE);
                assertThat(row.get(3)).contains(REASON);
                assertThat(row.get(4)).isEqualTo("the version loaded before keeps running");
                assertThat(browser.findElement(By.id("overall-reasons")).getText())
                        .contains("1 catalogue entry or file refused (1 with the version loaded before still running)");
            });

            assertThat(log.containing(FILE)).filteredOn(l -> l.contains("refused"))
                    .singleElement().satisfies(line -> assertThat(line).startsWith("ERROR")
                            .contains(REASON, "; the version loaded before keeps running"));
            assertThat(log.containing(FILE)).as("no stack trace for a refused edit").noneMatch(l -> l.contains("Exception"));

            Files.writeString(file, EntryFixtures.httpEntry(ROUTE, SENSOR, "kW.h"));

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(bridge.getJson("/status").path("catalogue").path("refusedCount").asInt()).isZero();
                // called directly: Camel's answer at /observe/health leaves this check out while it is UP
                assertThat(HealthCheckRegistry.get(bridge.context()).getCheck("catalogue").orElseThrow().call().getState())
                        .isEqualTo(HealthCheck.State.UP);
                assertThat(refusedRow(browser)).isEmpty();
            });
        }
    }

    private static JsonNode catalogueCheck(BridgeHarness bridge) throws Exception {
        for (JsonNode check : JSON.readTree(bridge.management("/observe/health?exposureLevel=full&data=true").body()).path("checks")) {
            if (check.path("name").asText().equals("catalogue")) {
                return check;
            }
        }
        throw new AssertionError("no health check catalogue");
    }

    private static java.util.Optional<WebElement> refusedRow(WebDriver browser) {
        return browser.findElements(By.cssSelector("#refused tbody tr")).stream()
                .filter(r -> r.getText().contains(FILE)).findFirst();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}
