package io.iotbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import io.iotbridge.LoggedLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.RouteStartupOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh start starts every sink Kamelet route before any route that takes readings in, so no
 * reading meets a sink that is not consuming yet. The MQTT broker (a private Mosquitto) holds a
 * retained reading, which it hands over the moment the bridge subscribes; the kamelet component
 * is told not to wait for a missing consumer, so were that reading to meet a sink not yet
 * started it would fail with KameletConsumerNotAvailableException, which the log would show.
 */
class StartupOrderTest {

    private static LoggedLines logged;
    private static final long RETAINED_SEQ = System.nanoTime();
    private static Process mosquitto;
    private static BridgeHarness bridge;
    private static String retainedId;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        mosquitto = new ProcessBuilder("mosquitto", "-p", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long ts = System.currentTimeMillis();
        retainedId = "cnc03-spindle-temp:" + ts + ":" + RETAINED_SEQ;
        String reading = "{\"sensorId\":\"cnc03-spindle-temp\",\"machineId\":\"CNC-03\",\"value\":48.5,\"unit\":\"Cel\","
                + "\"ts\":\"" + java.time.Instant.ofEpochMilli(ts) + "\",\"quality\":\"GOOD\",\"source\":\"mqtt\",\"seq\":" + RETAINED_SEQ + "}";
        await("private mosquitto up").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                new ProcessBuilder("mosquitto_pub", "-p", String.valueOf(port), "-q", "1", "-r",
                        "-t", "plant/line1/CNC-03/spindle-temp", "-m", reading).start().waitFor() == 0);
        logged = LoggedLines.capture();
        bridge = new BridgeHarness().with("camel.component.kamelet.block", "false")
                .with("bridge.mqtt.url", "tcp://127.0.0.1:" + port).start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        logged.close();
        if (mosquitto != null) {
            mosquitto.destroy();
        }
    }

    @Test
    void sinkKameletsStartBeforeTheRoutesThatFeedThemAndTheFirstReadingsArrive() throws Exception {
        List<String> started = new ArrayList<>();
        for (RouteStartupOrder order : bridge.context().getCamelContextExtension().getRouteStartupOrder()) {
            started.add(order.getRoute().getEndpoint().getEndpointUri());
        }
        int lastSink = -1;
        int firstIntake = Integer.MAX_VALUE;
        for (int i = 0; i < started.size(); i++) {
            String uri = started.get(i);
            if (uri.startsWith("kamelet://source")) {
                lastSink = i;
            } else if (uri.startsWith("milo-client:") || uri.startsWith("paho-mqtt5:") || uri.startsWith("spring-rabbitmq:")) {
                firstIntake = Math.min(firstIntake, i);
            }
        }
        assertThat(lastSink).as("sink Kamelet routes started").isGreaterThanOrEqualTo(0);
        assertThat(firstIntake).as("OPC UA, MQTT and RabbitMQ consumers started").isLessThan(started.size());
        assertThat(lastSink).as("start order: %s", started).isLessThan(firstIntake);

        // the first readings arrive: OPC UA documents, and the retained MQTT reading, handed over at subscription
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> documents = bridge.sandboxDocuments("sap-b1");
            assertThat(documents).anySatisfy(d -> assertThat(d.get("key").asText()).startsWith("press07-temp@"));
            assertThat(documents).anySatisfy(d -> assertThat(d.get("readingIds").toString()).contains(retainedId));
        });
        assertThat(logged.lines()).noneSatisfy(line -> assertThat(line).contains("KameletConsumerNotAvailableException"));
    }
}
