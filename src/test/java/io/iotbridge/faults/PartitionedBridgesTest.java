package io.iotbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.ExternalBrokersTest;
import io.iotbridge.FreePorts;
import io.iotbridge.buffer.ErpPartitions;
import io.iotbridge.erp.sapb1.DefaultDiServerLogin;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridge processes on one private RabbitMQ node with {@code bridge.erp.partitions=4}: the
 * broker's single active consumer gives each partition queue one owner, each bridge owns its home
 * partitions, and a bridge killed (SIGKILL) leaves its partitions to the other, which stood by for
 * them. Each bridge delivers to a SAP B1 sandbox of its own, so a booked reading's sensor tells
 * which bridge owned its partition. (What this step does not yet hold, exactly once across the
 * kill: docs/architecture.md, "Several instances on one queue".)
 */
class PartitionedBridgesTest {

    private static final int PARTITIONS = 4;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path temp;

    @Test
    void eachBridgeOwnsItsHomePartitionsAndAKilledOnesPartitionsMoveToTheOther() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        ExternalBrokersTest.requireBroker("Mosquitto", 1883);
        List<String> sensors = onePerPartition();
        Path routes = ScenarioRoutes.copy(temp.resolve("routes"));
        SandboxRecorder erpA = new SandboxRecorder();
        SandboxRecorder erpB = new SandboxRecorder();
        DeliveryLedger ledger = new DeliveryLedger("partitions", "one of two partitioned bridges SIGKILLed", "exchange iot.readings");
        try (PrivateRabbitMq rabbit = new PrivateRabbitMq().start();
             SapB1Sandbox sandboxA = sandbox(erpA);
             SapB1Sandbox sandboxB = sandbox(erpB);
             ReadingFeed feed = ReadingFeed.toExchange(rabbit.url(), "sap-b1", "FAULT-PART", sensors, ledger,
                     new ErpPartitions(PARTITIONS));
             BridgeJvm a = bridge("a", rabbit, sandboxA, routes, "0,1");
             BridgeJvm b = bridge("b", rabbit, sandboxB, routes, "2,3")) {
            // started side by side, so each subscribes to its home partitions before the other stands by for them
            CompletableFuture<Void> startA = CompletableFuture.runAsync(() -> start(a));
            start(b);
            startA.join();
            feed.start(Duration.ofMillis(100));

            await("each bridge books its home partitions").atMost(Duration.ofSeconds(30))
                    .until(() -> partitions(erpA).equals(Set.of(0, 1)) && partitions(erpB).equals(Set.of(2, 3)));
            await("both stand by for the other's partitions").atMost(Duration.ofSeconds(40))
                    .until(() -> standingBy(a) && standingBy(b));
            // a few windows more while both consume every queue: still one owner per partition
            int documentsA = erpA.documents("sap-b1").size();
            int documentsB = erpB.documents("sap-b1").size();
            await("two more windows booked by each").atMost(Duration.ofSeconds(20)).until(() ->
                    erpA.documents("sap-b1").size() >= documentsA + 4 && erpB.documents("sap-b1").size() >= documentsB + 4);
            assertThat(partitions(erpA)).as("partitions bridge a booked").containsExactly(0, 1);
            assertThat(partitions(erpB)).as("partitions bridge b booked").containsExactly(2, 3);

            a.kill();
            await("bridge b books the killed bridge's partitions too").atMost(Duration.ofSeconds(30))
                    .until(() -> partitions(erpB).equals(Set.of(0, 1, 2, 3)));
            feed.stop();
        }
    }

    /** A sensor id for each partition, by the bridge's own function. */
    private List<String> onePerPartition() {
        String[] found = new String[PARTITIONS];
        for (int i = 0; java.util.Arrays.asList(found).contains(null); i++) {
            String sensor = "faults-part-" + run + "-" + i;
            int k = ErpPartitions.partition(sensor, PARTITIONS);
            if (found[k] == null) {
                found[k] = sensor;
            }
        }
        return List.of(found);
    }

    /** The partitions of the sensors whose readings a bridge's sandbox booked. */
    private static Set<Integer> partitions(SandboxRecorder erp) {
        Set<Integer> partitions = new TreeSet<>();
        for (List<String> ids : DeliveryLedger.bookings(erp.documents("sap-b1"))) {
            for (String id : ids) {
                partitions.add(ErpPartitions.partition(id.substring(0, id.indexOf(':')), PARTITIONS));
            }
        }
        return partitions;
    }

    private static boolean standingBy(BridgeJvm bridge) throws Exception {
        return Files.readString(bridge.log()).contains("Standing by for partition queues");
    }

    private static SapB1Sandbox sandbox(SandboxRecorder erp) {
        SapB1Sandbox sandbox = new SapB1Sandbox("http://127.0.0.1:" + FreePorts.next() + "/sap-b1/DIServer", erp,
                DefaultDiServerLogin.of());
        sandbox.start();
        return sandbox;
    }

    private static void start(BridgeJvm bridge) {
        try {
            bridge.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private BridgeJvm bridge(String name, PrivateRabbitMq rabbit, SapB1Sandbox sandbox, Path routes, String home)
            throws Exception {
        return new BridgeJvm("partitions-" + name + "-" + run)
                .with("bridge.embedded", "false")
                .with("bridge.sandbox.enabled", "false")
                .with("bridge.rabbitmq.url", rabbit.url())
                .with("bridge.mqtt.url", ExternalBrokersTest.MOSQUITTO)
                .with("bridge.mqtt.client-id", "partitions-" + name + "-" + run)
                .with("bridge.routes.dir", routes.toString())
                .with("bridge.erp.sap-b1.url", sandbox.address())
                .with("bridge.erp.dynamics365.enabled", "false")
                .with("bridge.erp.infor.enabled", "false")
                .with("bridge.erp.partitions", String.valueOf(PARTITIONS))
                .with("bridge.erp.partitions.home", home)
                .with("bridge.erp.partitions.standby-after", "10s")
                .with("bridge.retry.max-delay", "2000");
    }
}
