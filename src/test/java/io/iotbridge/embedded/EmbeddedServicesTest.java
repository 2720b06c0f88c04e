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

    private static int port(BridgeHarness harness, String key) {
        return Integer.parseInt(harness.property(key));
    }
}
