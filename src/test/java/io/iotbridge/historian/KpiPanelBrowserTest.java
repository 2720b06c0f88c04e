package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.iotbridge.BridgeHarness;
import io.iotbridge.status.HeadlessBrowser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The status page's KPI panel in a real browser, against the machine's PostgreSQL: a machine that
 * has run for the last quarter of an hour of the shift under way shows with its availability, and
 * without the figures it has no parts for. The calendar has two 12-hour shifts a day, the one under
 * way having begun an hour or two ago, so the test never straddles a shift change.
 */
class KpiPanelBrowserTest {

    private static final String MACHINE = "PANEL-LINE";

    private static String url;
    private static BridgeHarness bridge;
    private static HeadlessBrowser page;

    @BeforeAll
    static void start() throws Exception {
        HeadlessBrowser.assumeInstalled();
        url = HistorianDatabases.create();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int begun = (now.atZone(ZoneOffset.UTC).getHour() + 23) % 24;
        bridge = HistorianQueue.bridge(url, "day = %02d:00-%02d:00\nevening = %02d:00-%02d:00\n"
                .formatted(begun, (begun + 12) % 24, (begun + 12) % 24, begun)).start();
        // running since a quarter of an hour ago, well inside the day shift
        Instant since = now.minus(Duration.ofMinutes(15));
        try (Connection connection = HistorianQueue.connect(bridge); Channel channel = connection.createChannel()) {
            HistorianQueue.publishReading(channel, "panel-run", MACHINE, since, "1", "1", Map.of("iotKind", "meter", "iotRunState", "true"));
        }
        Awaitility.await("the shift under way has its KPIs").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !HistorianDatabases.column(url, "SELECT availability FROM historian.oee_by_shift WHERE machine_id = '" + MACHINE
                        + "' AND shift = 'day'").isEmpty());
        page = HeadlessBrowser.onStatusPage(bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (url != null) {
            HistorianDatabases.drop(url);
        }
    }

    @Test
    void theShiftUnderWayShowsWithItsAvailabilityAndEmptyFiguresWhereNoPartsWereCounted() {
        Awaitility.await("the KPI panel").atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            WebElement row = page.driver().findElements(By.cssSelector("#kpis tbody tr")).stream()
                    .filter(r -> r.getText().startsWith(MACHINE)).findFirst().orElseThrow();
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.get(1)).isEqualTo("day");
            // 15 minutes (and the seconds since: up to 72 s keep it under 2.25 %) of a 12-hour shift: 2.08 %
            assertThat(cells.get(3)).as("availability").isIn("2.1 %", "2.2 %");
            assertThat(cells.get(4)).as("performance").isEqualTo("–");
            assertThat(cells.get(6)).as("OEE").isEqualTo("–");
            assertThat(cells.get(9)).as("good / scrap").isEqualTo("0 / 0");
        });
        assertThat(page.driver().findElement(By.id("kpis-message")).getText()).isEmpty();
    }
}
