package io.iotbridge.embedded;

import io.iotbridge.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The line simulator, read by the Milo 1.0 client that camel-milo uses. */
class LineSimulatorTest {

    static LineSimulator simulator;
    static OpcUaClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = new LineSimulator(FreePorts.next());
        simulator.start();
        client = OpcUaClient.create(simulator.endpointUrl());
        client.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.disconnect();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void namespaceIsTheSecondOneWithItsUri() throws Exception {
        assertThat(client.readNamespaceTable().getIndex(LineSimulator.NAMESPACE_URI).intValue())
                .isEqualTo(LineSimulator.NAMESPACE_INDEX);
        assertThat(LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE)).isEqualTo("ns=2;s=Line1/PRESS-07/Temperature");
    }

    @Test
    void temperatureMoves() throws Exception {
        NodeId temperature = NodeId.parse(LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE));
        Object first = read(temperature).value().value();
        assertThat((Double) first).isBetween(60.0, 80.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.equals(read(temperature).value().value()));
    }

    @Test
    void allEightNodesReadGood() throws Exception {
        List<NodeId> nodeIds = new ArrayList<>();
        for (String machine : LineSimulator.MACHINES) {
            for (LineSignal signal : LineSignal.values()) {
                nodeIds.add(NodeId.parse(LineSimulator.nodeId(machine, signal)));
            }
        }
        List<DataValue> values = client.readValues(0, TimestampsToReturn.Both, nodeIds);
        assertThat(values).hasSize(8).allSatisfy(value -> {
            assertThat(value.statusCode().isGood()).as("%s", value).isTrue();
            assertThat(value.value().value()).isNotNull();
        });
        assertThat(values.get(3).value().value()).as("PartCount").isInstanceOf(Long.class);
        assertThat(values.get(1).value().value()).as("Vibration").isInstanceOf(Double.class);
    }

    @Test
    void aNodeSetBadReadsBadUntilResumed() throws Exception {
        String vibration = LineSimulator.nodeId("PRESS-08", LineSignal.VIBRATION);
        simulator.setBad(vibration);
        assertThat(read(NodeId.parse(vibration)).statusCode().isBad()).isTrue();
        simulator.resume(vibration);
        await().atMost(Duration.ofSeconds(5)).until(() -> read(NodeId.parse(vibration)).statusCode().isGood());
    }

    @Test
    void camelMiloConsumerReadsTheNodeIdInRawForm() throws Exception {
        String uri = "milo-client:" + simulator.endpointUrl()
                + "?node=RAW(" + LineSimulator.nodeId("PRESS-07", LineSignal.PART_COUNT) + ")";
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            Object body = camel.createConsumerTemplate().receiveBody(uri, 15_000);
            assertThat(body).isInstanceOf(DataValue.class);
            assertThat(((DataValue) body).value().value()).isInstanceOf(Long.class);
        }
    }

    private static DataValue read(NodeId nodeId) throws Exception {
        return client.readValue(0, TimestampsToReturn.Both, nodeId);
    }
}
