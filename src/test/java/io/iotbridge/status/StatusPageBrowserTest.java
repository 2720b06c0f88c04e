package io.iotbridge.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The status page in a real browser ({@link HeadlessBrowser}). The bridge runs on the embedded
 * broker and reads an OPC UA server the test owns, so the test can stop it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    /** The catalogue's HTTP device (routes/sensors/line1-http.camel.yaml). */
    private static final String HTTP_SENSOR = "press07-energy";

    private static LineSimulator line;
    private static BridgeHarness bridge;
    private static HeadlessBrowser page;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessBrowser.assumeInstalled();
        line = new LineSimulator(FreePorts.next());
        line.start();
        bridge = new BridgeHarness().with("bridge.opcua.line1.url", line.endpointUrl())
                .with("bridge.opcua.reconnect-delay", "1000").start();
        page = HeadlessBrowser.onStatusPage(bridge);
        browser = page.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (line != null) {
            line.close();
        }
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(0)
    void aPageOpenedWithTheKeyInItsAddressReadsItsData() {
        // Chrome refuses a fetch whose URL carries credentials, as a relative one does on such a page
        try (HeadlessBrowser keyInAddress = HeadlessBrowser.onStatusPageWithKeyInAddress(bridge)) {
            WebDriver other = keyInAddress.driver();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                assertThat(other.findElement(By.id("overall")).getText()).isIn("UP", "DEGRADED", "DOWN");
                assertThat(other.findElements(By.cssSelector("#sensors tbody tr"))).isNotEmpty();
            });
            assertThat(other.findElement(By.id("error")).getText()).isEmpty();
        }
    }

    @Test
    @Order(1)
    void aReadingPostedDuringTheTestAppearsInTheSensorTable() throws Exception {
        double value = 1000 + Instant.now().getEpochSecond() % 1000 + 0.25;
        String reading = """
                {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"kW.h","ts":"%s","quality":"GOOD","seq":1}"""
                .formatted(HTTP_SENSOR, value, Instant.now());
        assertThat(bridge.postJson("/readings", reading).statusCode()).isEqualTo(202);

        browser.findElement(By.id("sensor-search")).sendKeys(HTTP_SENSOR);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            WebElement row = browser.findElement(By.cssSelector("#sensors tr[data-sensor='" + HTTP_SENSOR + "']"));
            List<String> cells = cells(row);
            assertThat(cells.get(4)).isEqualTo(String.valueOf(value));
            assertThat(cells.get(5)).isEqualTo("kW.h");
            assertThat(cells.get(6)).isEqualTo("GOOD");
            assertThat(cells.get(8)).isEqualTo("OK");
        });
        // the search ran on the server: only the one sensor is on the page
        assertThat(browser.findElements(By.cssSelector("#sensors tbody tr"))).hasSize(1);
    }

    @Test
    @Order(2)
    void aDocumentTheErpRefusesShowsAsDeadLettersWithItsReasonAndIsReplayedFromThePage() throws Exception {
        String cause = "Customer C20000 is inactive (" + UUID.randomUUID() + ")";
        bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class).rejectNext(1, cause, "meter");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<String> sap = cells(browser.findElements(By.cssSelector("#erps tbody tr")).stream()
                    .filter(r -> r.getText().startsWith("sap-b1")).findFirst().orElseThrow());
            assertThat(Integer.parseInt(sap.get(10))).isPositive();
            assertThat(sap.get(11)).contains(cause);
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("DEGRADED");
            assertThat(browser.findElement(By.id("overall-reasons")).getText()).containsPattern("\\d+ dead letters? for sap-b1");
        });

        browser.findElement(By.id("dead-letters-load")).click();
        WebElement refused = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElements(By.cssSelector("#dead-letters tbody tr")).stream()
                        .filter(r -> r.getText().contains(cause)).findFirst().orElse(null), r -> r != null);
        String id = cells(refused).get(0);
        refused.findElement(By.tagName("button")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("dead-letters-message")).getText()).startsWith("replayed");
            assertThat(browser.findElements(By.cssSelector("#dead-letters tbody tr")).stream().map(StatusPageBrowserTest::cells)
                    .map(c -> c.get(0))).doesNotContain(id);
        });
        // the replayed reading is booked this time
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge.sandboxDocuments("sap-b1")).anySatisfy(d ->
                        assertThat(d.path("readingIds").toString()).contains("\"" + id + "\"")));
    }

    @Test
    @Order(3)
    void aStoppedOpcUaServerTurnsItsConnectorRed() throws Exception {
        String connector = "#sources [data-connector='opcua:localhost:" + line.port() + LineSimulator.PATH + "']";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.cssSelector(connector)).getAttribute("class")).contains("up"));

        try (LoggedLines log = LoggedLines.capture()) {
            line.close();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                WebElement box = browser.findElement(By.cssSelector(connector));
                assertThat(box.getAttribute("class")).contains("down").doesNotContain(" up");
                assertThat(box.getText()).contains("DOWN");
                assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("DOWN");
            });
            line = null;
            // one line for the change of state, whatever the reconnect attempts meanwhile, and no stack trace
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(log.lines()).filteredOn(l -> l.contains("OPC UA server")).hasSizeLessThanOrEqualTo(1);
                assertThat(log.linesWithCauses()).noneMatch(l -> l.contains("\n  caused by"));
            });
            assertThat(log.lines()).filteredOn(l -> l.contains("OPC UA server"))
                    .singleElement().asString().startsWith("WARN ").contains("session lost, reconnecting");
        }
    }
}
