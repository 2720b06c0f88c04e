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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh start starts every route readings are sent to (the sink Kamelets, the buffer routes
 * catalogue-reading and reading-buffer) before anything takes readings in: the ERP consumers
 * ({@code spring-rabbitmq:} routes, ordered by SinkKameletsFirst) and the OPC UA and MQTT sources
 * of the entries read as data, which open once the context is fully started (OpcUaSensors,
 * MqttBrokers). The MQTT broker (a private Mosquitto) holds a retained reading, which it hands over
 * the moment the bridge subscribes; the kamelet component is told not to wait for a missing
 * consumer, so were a reading to meet a sink not yet started it would fail with
 * KameletConsumerNotAvailableException, which the log would show.
 */
class StartupOrderTest {

    private static LoggedLines logged;
    private static final long RETAINED_SEQ = System.nanoTime();
    private static Process mosquitto;
    private static BridgeHarness bridge;
    private static String retainedId;
    /** "route <id> <endpoint>" as each route started, and SOURCES_OPEN when the context was fully started. */
    private static final Queue<String> START_ORDER = new ConcurrentLinkedQueue<>();
    private static final String SOURCES_OPEN = "context fully started: the OPC UA and MQTT sources open";

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
                .with("bridge.mqtt.url", "tcp://127.0.0.1:" + port).listen(new StartOrder()).start();
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
        List<String> started = new ArrayList<>(START_ORDER);
        int lastFed = -1;
        for (int i = 0; i < started.size(); i++) {
            if (fed(started.get(i))) {
                lastFed = i;
            }
        }
        assertThat(started).as("routes the sources feed").contains("route catalogue-reading direct://catalogue-reading",
                "route reading-buffer direct://reading-buffer").anyMatch(s -> s.endsWith("kamelet://source"));
        // the OPC UA and MQTT entries read as data: their sources open once the context is fully started
        assertThat(started.indexOf(SOURCES_OPEN)).as("start order: %s", started).isGreaterThan(lastFed);
        // the ERP consumers, routes that take readings from RabbitMQ into the ERP sinks
        int firstConsumer = -1;
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i).contains(" spring-rabbitmq:")) {
                firstConsumer = i;
            }
        }
        assertThat(firstConsumer).as("ERP consumers started: %s", started).isGreaterThanOrEqualTo(0);
        assertThat(firstConsumer).as("start order: %s", started).isGreaterThan(lastFed);

        // the first readings arrive: OPC UA documents, and the retained MQTT reading, handed over at subscription
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> documents = bridge.sandboxDocuments("sap-b1");
            assertThat(documents).anySatisfy(d -> assertThat(d.get("key").asText()).startsWith("press07-temp@"));
            assertThat(documents).anySatisfy(d -> assertThat(d.get("readingIds").toString()).contains(retainedId));
        });
        assertThat(logged.lines()).noneSatisfy(line -> assertThat(line).contains("KameletConsumerNotAvailableException"));
    }

    /** Routes the OPC UA and MQTT sources and the ERP consumers send to: the sink Kamelets and the buffer routes. */
    private static boolean fed(String started) {
        return started.endsWith(" kamelet://source") || started.endsWith(" direct://catalogue-reading")
                || started.endsWith(" direct://reading-buffer");
    }

    /** Writes down the start order, from before the context starts. */
    private static final class StartOrder extends MainListenerSupport {
        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof RouteStartedEvent routeStarted) {
                        Route route = routeStarted.getRoute();
                        String uri = route.getEndpoint().getEndpointUri();
                        START_ORDER.add("route " + route.getRouteId() + " " + (uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri));
                    }
                }
            });
            try {
                // added after the sources' own listeners, which open them when the context is fully started
                context.addStartupListener(new StartupListener() {
                    @Override
                    public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    }

                    @Override
                    public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                        START_ORDER.add(SOURCES_OPEN);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
