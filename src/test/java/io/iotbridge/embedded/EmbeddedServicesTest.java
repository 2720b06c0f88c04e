package io.iotbridge.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded services start side by side, the brokers and the line before the bridge's own beans
 * and routes: when one of them cannot start, the bridge does not start, says so, and stops those
 * that did (their ports are free again), so a failed start leaves nothing running behind it.
 * Without bridge.embedded.mqtt.enabled the rest of the embedded default runs, but no MQTT broker.
 */
class EmbeddedServicesTest {

    @Test
    void aServiceThatCannotStartStopsTheStartAndTheServicesStartedBesideIt() throws Exception {
        BridgeHarness harness = new BridgeHarness();
        int amqp = port(harness, "bridge.embedded.amqp.port");
        try (ServerSocket taken = new ServerSocket(amqp, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(harness::start).hasMessageContaining("starting the embedded services failed");
        } finally {
            harness.close();
        }
        for (String key : List.of("bridge.embedded.mqtt.port", "bridge.embedded.opcua.port")) {
            try (ServerSocket free = new ServerSocket(port(harness, key), 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.isBound()).as(key + " free again").isTrue();
            }
        }
    }

    @Test
    void withoutTheEmbeddedMqttBrokerTheRestOfTheEmbeddedDefaultRuns() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().withoutMqtt().start()) {
            assertThat(bridge.sandboxDocuments("sap-b1")).as("the sandboxes run").isNotNull();
            try (ServerSocket free = new ServerSocket(port(bridge, "bridge.embedded.mqtt.port"), 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.isBound()).as("no embedded MQTT broker on its port").isTrue();
            }
            assertThatThrownBy(() -> new ServerSocket(port(bridge, "bridge.embedded.amqp.port"), 1, InetAddress.getLoopbackAddress()))
                    .as("the embedded AMQP broker on its port").hasMessageContaining("Address already in use");
        }
    }

    private static int port(BridgeHarness harness, String key) {
        return Integer.parseInt(harness.property(key));
    }
}
