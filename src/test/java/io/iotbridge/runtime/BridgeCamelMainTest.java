package io.iotbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.BridgeHarness;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/** The bridge's default profile is named dev, yet Camel's per-route developer aids stay off. */
class BridgeCamelMainTest {

    @Test
    void devProfileRunsWithoutCamelsDeveloperAids() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().withoutMqtt().start()) {
            CamelContext context = bridge.context();
            assertThat(context.getCamelContextExtension().getProfile()).isEqualTo("dev");
            assertThat(context.getCamelContextExtension().getStartupStepRecorder().isEnabled()).isFalse();
            assertThat(context.isMessageHistory()).isFalse();
            assertThat(context.isSourceLocationEnabled()).isFalse();
            assertThat(context.isBacklogTracingStandby()).isFalse();
        }
    }
}
