package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import org.junit.jupiter.api.Test;

/** bridge.erp.sap-b1.transport takes service-layer or di-server; anything else stops the start, naming the key. */
class SapB1TransportChoiceTest {

    @Test
    void anUnknownTransportIsRefusedNamingTheSettingAndTheChoices() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.erp.sap-b1.transport", "soap")) {
            assertThatThrownBy(bridge::start)
                    .hasStackTraceContaining("bridge.erp.sap-b1.transport must be service-layer or di-server, not 'soap'");
        }
    }
}
