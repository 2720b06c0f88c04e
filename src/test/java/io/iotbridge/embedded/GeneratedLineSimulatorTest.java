package io.iotbridge.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.FreePorts;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;

/** The load-test variant of the line simulator (bench/): generated nodes beside the two presses. */
class GeneratedLineSimulatorTest {

    @Test
    void generatedNodesChangeEverySecondAndThePressesStayAsTheyAre() throws Exception {
        try (LineSimulator simulator = LineSimulator.withGeneratedNodes(FreePorts.next(), 3)) {
            simulator.start();
            OpcUaClient client = OpcUaClient.create(simulator.endpointUrl());
            client.connect();
            try {
                assertThat(LineSimulator.generatedNodeId(2)).isEqualTo("ns=2;s=Line1/GEN-2/Value");
                List<NodeId> ids = List.of(NodeId.parse(LineSimulator.generatedNodeId(1)),
                        NodeId.parse(LineSimulator.generatedNodeId(3)),
                        NodeId.parse(LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE)));
                List<DataValue> values = client.readValues(0, TimestampsToReturn.Both, ids);
                assertThat(values).allSatisfy(value -> assertThat(value.statusCode().isGood()).as("%s", value).isTrue());
                assertThat(values.get(0).value().value()).isInstanceOf(Double.class);

                NodeId last = ids.get(1);
                Object first = client.readValue(0, TimestampsToReturn.Both, last).value().value();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> !first.equals(client.readValue(0, TimestampsToReturn.Both, last).value().value()));
                // one past the last generated node does not exist
                assertThat(client.readValue(0, TimestampsToReturn.Both, NodeId.parse(LineSimulator.generatedNodeId(4)))
                        .statusCode().isBad()).isTrue();
            } finally {
                client.disconnect();
            }
        }
    }
}
