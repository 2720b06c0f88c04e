package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.BridgeHarness;
import io.iotbridge.StartRequirements.StartRefusedException;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** bridge.erp.sap-b1.url is the endpoint of the transport in use; what would make it wrong stops the start. */
class SapB1SettingsTest {

    @Test
    void theUrlDefaultsToTheSandboxOfTheTransportInUse() {
        Properties site = new Properties();
        assertThat(properties(site).resolveProperty("bridge.erp.sap-b1.url")).contains("http://localhost:8084");
        site.put("bridge.erp.sap-b1.transport", "di-server");
        assertThat(properties(site).resolveProperty("bridge.erp.sap-b1.url"))
                .contains("http://localhost:8081/sap-b1/DIServer");
        site.put("bridge.erp.sap-b1.url", "https://b1.plant.local:50000");
        assertThat(properties(site).resolveProperty("bridge.erp.sap-b1.url")).contains("https://b1.plant.local:50000");
    }

    @Test
    void anUnknownTransportIsNamedWithTheTwoItCanBe() {
        Properties site = new Properties();
        assertThat(SapB1Settings.findings(properties(site))).isEmpty();
        site.put("bridge.erp.sap-b1.transport", "soap");
        assertThat(SapB1Settings.findings(properties(site)))
                .containsExactly("bridge.erp.sap-b1.transport is 'soap': it must be service-layer or di-server");
        site.put("bridge.erp.sap-b1.enabled", "false");
        assertThat(SapB1Settings.findings(properties(site))).isEmpty();
    }

    @Test
    void theRetiredServiceLayerUrlPointsAtItsSuccessor() {
        Properties site = new Properties();
        site.put("bridge.erp.sap-b1.service-layer.url", "https://b1.plant.local:50000");
        assertThat(SapB1Settings.findings(properties(site))).singleElement().asString()
                .startsWith("bridge.erp.sap-b1.service-layer.url is no longer read")
                .contains("bridge.erp.sap-b1.url (BRIDGE_ERP_SAP_B1_URL)")
                .doesNotContain("b1.plant.local");
    }

    @Test
    void theBridgeRefusesToStartOnAnUnknownTransport() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness().with("bridge.erp.sap-b1.transport", "soap")) {
            assertThatThrownBy(bridge::start).rootCause().isInstanceOf(StartRefusedException.class)
                    .hasMessageContaining("bridge.erp.sap-b1.transport is 'soap': it must be service-layer or di-server");
        }
    }

    private static PropertiesComponent properties(Properties site) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        properties.setOverrideProperties(site);
        return properties;
    }
}
