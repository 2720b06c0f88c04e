package io.iotbridge;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.embedded.SimulatedMqttDevice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The same route files against the machine's real RabbitMQ (127.0.0.1:5672) and Mosquitto
 * (127.0.0.1:1883), with bridge.embedded=false: only configuration differs. Skipped where those
 * brokers are not running, unless IOTBRIDGE_REQUIRE_BROKERS=true (as in CI), where it fails.
 */
public class ExternalBrokersTest extends PipelineContract {

    public static final String RABBITMQ = "amqp://guest:guest@127.0.0.1:5672";
    public static final String MOSQUITTO = "tcp://127.0.0.1:1883";

    private static LineSimulator line;
    private static SimulatedMqttDevice device;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        requireBroker("RabbitMQ", 5672);
        requireBroker("Mosquitto", 1883);
        purgeQueuesOfEarlierRuns();
        line = new LineSimulator(FreePorts.next());
        line.start();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        device = new SimulatedMqttDevice(MOSQUITTO, "test-device-" + runId, Duration.ofMillis(500));
        device.start();
        bridge = new BridgeHarness()
                .with("bridge.embedded", "false")
                .with("bridge.sandbox.enabled", "true")
                .with("bridge.rabbitmq.url", RABBITMQ)
                .with("bridge.mqtt.url", MOSQUITTO)
                // a fresh MQTT session per run: a persistent one would replay an earlier run's readings
                .with("bridge.mqtt.client-id", "iot-erp-bridge-test-" + runId)
                .with("bridge.opcua.line1.url", line.endpointUrl())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (device != null) {
            device.close();
        }
        if (line != null) {
            line.close();
        }
    }

    /**
     * The machine's broker keeps what an earlier run left (readings of a run stopped mid-window,
     * dead letters); this run starts from empty queues so its assertions see only its own readings.
     */
    public static void purgeQueuesOfEarlierRuns() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(RABBITMQ));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : List.of("iot.rejected", "erp.sap-b1", "erp.sap-b1.dlq", "erp.dynamics365",
                    "erp.dynamics365.dlq", "erp.infor", "erp.infor.dlq")) {
                if (admin.getQueueProperties(queue) != null) {
                    // a bridge of an earlier test still consuming would take this test's readings
                    Awaitility.await(queue + " has no consumer left by an earlier test")
                            .atMost(Duration.ofSeconds(30))
                            .until(() -> admin.getQueueInfo(queue).getConsumerCount() == 0);
                    admin.purgeQueue(queue, false);
                }
            }
        } finally {
            connections.destroy();
        }
    }

    public static void requireBroker(String name, int port) {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && Boolean.parseBoolean(System.getenv("IOTBRIDGE_REQUIRE_BROKERS"))) {
            fail(name + " is not listening on 127.0.0.1:" + port + " and IOTBRIDGE_REQUIRE_BROKERS=true");
        }
        assumeTrue(up, name + " is not running on 127.0.0.1:" + port + "; start it to run this test");
    }

    @Override
    protected BridgeHarness bridge() {
        return bridge;
    }

    @Override
    protected String amqpUrl() {
        return RABBITMQ;
    }

    @Override
    protected String mqttUrl() {
        return MOSQUITTO;
    }

    @Override
    protected LineSimulator line() {
        return line;
    }
}
