package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.LineSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default: everything in-process, no external service, the SAP module on the Service
 * Layer (its default; ExternalBrokersTest runs the same contract with the DI Server), the demo's
 * HTTP device on.
 */
class EmbeddedDefaultTest extends PipelineContract {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.erp.sap-b1.transport", "service-layer")
                .with("bridge.embedded.http-device", "true").start();
    }

    /** The demo shows every entry of its catalogue live: each one has a device behind it. */
    @Test
    void everySensorOfTheDemoCatalogueGetsReadings() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> waiting = new ArrayList<>();
            for (JsonNode sensor : bridge.getJson("/status/sensors?limit=500").path("sensors")) {
                if (sensor.path("taken").asLong() == 0) {
                    waiting.add(sensor.path("sensorId").asText());
                }
            }
            assertThat(waiting).as("sensors without a reading").isEmpty();
        });
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    protected BridgeHarness bridge() {
        return bridge;
    }

    @Override
    protected String amqpUrl() {
        return "amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port");
    }

    @Override
    protected String mqttUrl() {
        return "tcp://localhost:" + bridge.property("bridge.embedded.mqtt.port");
    }

    @Override
    protected LineSimulator line() {
        return bridge.context().getRegistry().lookupByNameAndType(EmbeddedServices.LINE_SIMULATOR, LineSimulator.class);
    }
}
