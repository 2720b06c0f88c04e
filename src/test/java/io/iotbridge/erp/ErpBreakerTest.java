package io.iotbridge.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.iotbridge.BridgeHarness;
import io.iotbridge.LoggedLines;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import io.iotbridge.window.Windows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * The SAP B1 module's circuit breaker, on the embedded default: an unavailable DI Server gateway
 * (HTTP 503) opens it, health shows {@code erp:sap-b1} DOWN, readings wait in their queue and
 * nothing is dead-lettered; when the gateway answers again it closes and every window is booked
 * once. Business rejections are dead-lettered without opening it.
 */
class ErpBreakerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW_MILLIS = 2_000;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness()
                .with("bridge.erp.sap-b1.breaker.minimum-calls", "3")
                .with("bridge.erp.sap-b1.breaker.failure-rate", "50")
                .with("bridge.erp.sap-b1.breaker.wait-in-open", "2s")
                .with("bridge.retry.max-delay", "2000")
                .withoutMqtt()
                .start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @BeforeEach
    void erpUp() {
        sandbox().failNext(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> breaker().getState() == CircuitBreaker.State.CLOSED);
    }

    @Test
    void anUnavailableErpOpensTheBreakerReadingsWaitUndeadletteredAndAreBookedOnceWhenItIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !windowStarts("press07-temp").isEmpty());
        assertThat(erpHealth()).isEqualTo("UP");
        Instant down = Instant.now();
        long from = down.toEpochMilli() / WINDOW_MILLIS * WINDOW_MILLIS;
        LoggedLines log = LoggedLines.capture();
        sandbox().failNext(Integer.MAX_VALUE);

        await("breaker open, erp:sap-b1 DOWN").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "DOWN".equals(erpHealth()));
        var health = bridge.management("/observe/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("erp:sap-b1");
        assertThat(bridge.management("/observe/metrics").body())
                .containsPattern("iotbridge_erp_breaker_state\\{[^}]*erp=\"sap-b1\"[^}]*} 2\\.0");
        // while open, deliveries are refused without calling the ERP ...
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker().getMetrics().getNumberOfNotPermittedCalls() > 0);
        // ... readings are taken from the queue all the same, and their documents wait in the outbox
        await("documents waiting in the outbox").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> bridge.context().getRegistry().lookupByNameAndType("windows", Windows.class).sizes().get(1) > 20);
        assertThat(queued("erp.sap-b1")).as("readings do not pile up in the queue").isLessThan(100);
        assertThat(deadLettersSince(down)).as("nothing dead-lettered because the ERP is down").isEmpty();
        assertThat(erpHealth()).isEqualTo("DOWN");

        sandbox().failNext(0);
        Instant back = Instant.now();
        await("breaker closed, erp:sap-b1 UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "UP".equals(erpHealth()) && breaker().getState() == CircuitBreaker.State.CLOSED);
        log.close();
        // an ERP away is expected: one line per breaker state change, nothing with a stack trace
        assertThat(log.linesWithCauses()).noneSatisfy(l -> assertThat(l).contains("\n  caused by "));
        assertThat(log.containing("ERP sap-b1: circuit breaker")).as("breaker state changes")
                .first().satisfies(l -> assertThat(l).contains("circuit breaker OPEN"));
        assertThat(log.containing("ERP sap-b1: circuit breaker")).last().satisfies(l -> assertThat(l).contains("circuit breaker CLOSED"));
        assertThat(log.containing("not delivered")).as("no line per document the open breaker held back")
                .noneSatisfy(l -> assertThat(l).contains("is OPEN"));
        long until = back.toEpochMilli() / WINDOW_MILLIS * WINDOW_MILLIS + WINDOW_MILLIS;
        List<Long> expected = new ArrayList<>();
        for (long w = from; w <= until; w += WINDOW_MILLIS) {
            expected.add(w);
        }
        await("every window of the outage booked").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(windowStarts("press07-temp").stream()
                        .filter(w -> w >= from && w <= until).distinct().sorted().toList()).containsExactlyElementsOf(expected));
        List<String> ids = bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> d.get("key").asText().startsWith("press07-temp@"))
                .flatMap(d -> readingIds(d).stream()).toList();
        assertThat(ids).as("no reading booked twice").doesNotHaveDuplicates();
        assertThat(deadLettersSince(down)).isEmpty();
        assertThat(bridge.management("/observe/health").statusCode()).isEqualTo(200);
    }

    @Test
    void businessRejectionsAreDeadLetteredWithoutOpeningTheBreaker() throws Exception {
        String cause = "Table '@IOT_METER' is locked (" + UUID.randomUUID() + ")";
        int rejections = 6; // twice the minimum calls: 100 % failures, were they counted
        sandbox().rejectNext(rejections, cause, "meter");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                deadLettersSince(Instant.EPOCH).stream().filter(d -> d.get("reason").asText().contains(cause))
                        .map(d -> d.get("group").asText()).distinct().count() >= rejections);

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(erpHealth()).isEqualTo("UP");
    }

    /** The status of check erp:sap-b1 in /observe/health?exposureLevel=full. */
    private static String erpHealth() throws Exception {
        JsonNode health = JSON.readTree(bridge.management("/observe/health?exposureLevel=full").body());
        for (JsonNode check : health.path("checks")) {
            if ("erp:sap-b1".equals(check.path("name").asText())) {
                return check.path("status").asText();
            }
        }
        throw new AssertionError("no check erp:sap-b1 in " + health);
    }

    private static int queued(String queue) throws Exception {
        CachingConnectionFactory factory = bridge.context().getRegistry()
                .lookupByNameAndType("rabbitConnectionFactory", CachingConnectionFactory.class);
        try (Connection connection = factory.createConnection(); Channel channel = connection.createChannel(false)) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static List<JsonNode> deadLettersSince(Instant since) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(bridge.api("GET", "/dead-letters").body()).forEach(d -> {
            if ("sap-b1".equals(d.get("erp").asText()) && !Instant.parse(d.get("deadLetteredAt").asText()).isBefore(since)) {
                list.add(d);
            }
        });
        return list;
    }

    private static List<Long> windowStarts(String sensorId) throws Exception {
        // keys are <sensorId>@<window start ms>.<offset of the document's earliest reading>
        return bridge.sandboxDocuments("sap-b1").stream().map(d -> d.get("key").asText())
                .filter(k -> k.startsWith(sensorId + "@"))
                .map(k -> Long.parseLong(k.substring(sensorId.length() + 1).split("\\.")[0])).toList();
    }

    private static List<String> readingIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.get("readingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static SapB1Sandbox sandbox() {
        return bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class);
    }

    private static CircuitBreaker breaker() {
        return bridge.context().getRegistry().lookupByNameAndType(ErpBreakers.beanName("sap-b1"), CircuitBreaker.class);
    }
}
