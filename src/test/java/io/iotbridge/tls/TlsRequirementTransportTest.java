package io.iotbridge.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import org.junit.jupiter.api.Test;

/** bridge.tls.required checks the URL of the SAP B1 transport in use, not the other one's. */
class TlsRequirementTransportTest {

    @Test
    void onTheServiceLayerItsUrlMustBeEncryptedAndTheDiServersIsNotAsked() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.tls.required", "true")
                .with("bridge.erp.sap-b1.transport", "service-layer")) {
            assertThatThrownBy(bridge::start)
                    .hasStackTraceContaining("bridge.erp.sap-b1.service-layer.url is http://")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(stackTrace(e))
                            .doesNotContain("bridge.erp.sap-b1.url is http://"));
        }
    }

    @Test
    void onTheDiServerItsUrlMustBeEncryptedAndTheServiceLayersIsNotAsked() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.tls.required", "true")
                .with("bridge.erp.sap-b1.transport", "di-server")) {
            assertThatThrownBy(bridge::start)
                    .hasStackTraceContaining("bridge.erp.sap-b1.url is http://")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(stackTrace(e))
                            .doesNotContain("service-layer.url"));
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
