package io.iotbridge.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.erp.sapb1.SapB1DocumentAssert;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An alert the ERP refused is dead-lettered; replayed once the cause is fixed, after its
 * excursion ended and within the cool-down it started, it reaches the ERP exactly once.
 */
class ReplayedAlertTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE);
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aRefusedAlertReplayedAfterItsExcursionEndedIsDeliveredOnce() throws Exception {
        String cause = "Equipment card PRESS-07 is locked by another user (" + UUID.randomUUID() + ")";
        sandbox().rejectNext(1, cause, "alert");
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            line().setValue(NODE, 86.5, StatusCode.GOOD); // over press07-temp-alert's 79 Cel
            await("the alert dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        deadLetters().stream().filter(d -> d.get("reason").asText().contains(cause))
                                .findFirst().ifPresent(d -> refused.set(d.get("id").asText()));
                        return refused.get() != null;
                    });
            assertThat(refused.get()).startsWith("press07-temp-alert:");

            // the excursion ends (below 79 - hysteresis 2); a meter document of the same node ending at
            // 60 Cel booked means the alert sensor's reading of that change (same queue, earlier) was consumed
            Instant cooled = Instant.now();
            line().setValue(NODE, 60.0, StatusCode.GOOD);
            await("the excursion over").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> meterAt60After(cooled));
        } finally {
            line().resume(NODE);
        }

        // the cause is fixed (the sandbox refused one alert): replay
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                bridge.api("POST", "/dead-letters/" + refused.get() + "/replay").statusCode() == 202);

        await("the replayed alert booked").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !alertsFor(refused.get()).isEmpty());
        JsonNode alert = alertsFor(refused.get()).get(0);
        assertThat(alert.get("body").asText()).contains("<Object>oServiceCalls</Object>", "86.5 Cel",
                "<U_IotKey>alert:" + refused.get() + "<");
        assertThat(deadLetters()).noneSatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(refused.get()));
        // exactly once, also after later windows went through
        Instant booked = Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                bridge.sandboxDocuments("sap-b1").stream().anyMatch(d -> d.get("key").asText().startsWith("press07-temp@")
                        && Instant.parse(d.get("receivedAt").asText()).isAfter(booked.plusSeconds(2))));
        assertThat(alertsFor(refused.get())).hasSize(1);
        assertThat(bridge.sandboxDocuments("sap-b1").stream().filter(d -> d.get("kind").asText().equals("alert")))
                .as("no other alert of the same excursion").hasSize(1);
    }

    /** Whether a press07-temp meter document of a window that ended after {@code since} ends at 60 Cel. */
    private static boolean meterAt60After(Instant since) throws Exception {
        for (JsonNode d : bridge.sandboxDocuments("sap-b1")) {
            String key = d.get("key").asText();
            if (key.startsWith("press07-temp@")
                    && Long.parseLong(key.substring("press07-temp@".length()).split("\\.")[0]) + 2_000 > since.toEpochMilli()
                    && Double.parseDouble(SapB1DocumentAssert.meterField(d.get("body").asText(), "U_Last")) == 60.0) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> alertsFor(String readingId) throws Exception {
        return bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> d.get("kind").asText().equals("alert"))
                .filter(d -> d.get("readingIds").toString().contains("\"" + readingId + "\""))
                .toList();
    }

    private static List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(bridge.api("GET", "/dead-letters").body()).forEach(list::add);
        return list;
    }

    private static SapB1Sandbox sandbox() {
        return bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class);
    }

    private static LineSimulator line() {
        return bridge.context().getRegistry().lookupByNameAndType(EmbeddedServices.LINE_SIMULATOR, LineSimulator.class);
    }
}
