package io.iotbridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import org.junit.jupiter.api.Test;

/** bridge.tls.required checks bridge.erp.sap-b1.url, the endpoint of whichever SAP B1 transport is in use. */
class TlsRequirementTransportTest {

    @Test
    void onTheServiceLayerItsEndpointMustBeEncrypted() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.tls.required", "true")
                .with("bridge.erp.sap-b1.transport", "service-layer")) {
            assertThatThrownBy(bridge::start).hasStackTraceContaining("bridge.erp.sap-b1.url is http://");
        }
    }

    @Test
    void anEncryptedEndpointOfTheTransportInUseIsNotRefused() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.tls.required", "true")
                .with("bridge.erp.sap-b1.transport", "di-server")
                .with("bridge.erp.sap-b1.url", "https://b1.plant.local/DIServer")) {
            // the start is refused for the other addresses in clear, never for SAP B1's
            assertThatThrownBy(bridge::start).hasStackTraceContaining("bridge.mqtt.url is")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("bridge.erp.sap-b1."));
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
