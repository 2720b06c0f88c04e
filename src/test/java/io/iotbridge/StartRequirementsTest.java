package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/**
 * The prod profile does not start on the demo's settings, and says every one to set at once; nor does a
 * bridge whose settings contradict each other.
 */
class StartRequirementsTest {

    @Test
    void prodWithNothingConfiguredNamesEverySettingAndItsVariableInOneMessage() throws Exception {
        // bridge.tls.required as application-prod.properties sets it: a profile given as an override
        // property is read too late for Camel to load its file
        BridgeHarness bridge = new BridgeHarness().with("camel.main.profile", "prod").with("bridge.tls.required", "true");

        assertThatThrownBy(bridge::start).rootCause().satisfies(cause -> assertThat(cause.getMessage())
                .startsWith("the bridge does not start until these are set for this site:\n")
                .contains("bridge.rabbitmq.url still has the demo's value: set BRIDGE_RABBITMQ_URL")
                .contains("bridge.mqtt.url still has the demo's value: set BRIDGE_MQTT_URL")
                .contains("bridge.erp.sap-b1.url still has the demo's value: set BRIDGE_ERP_SAP_B1_URL"
                        + " (or, without this ERP, BRIDGE_ERP_SAP_B1_ENABLED=false)")
                .contains("bridge.erp.sap-b1.database-name still has the demo's value: set BRIDGE_ERP_SAP_B1_DATABASE_NAME\n")
                .contains("bridge.erp.sap-b1.company-password is empty: set BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD")
                .contains("bridge.erp.dynamics365.client-secret is empty: set BRIDGE_ERP_DYNAMICS365_CLIENT_SECRET")
                .contains("bridge.erp.infor.ionapi-file is empty: set BRIDGE_ERP_INFOR_IONAPI_FILE")
                // the TLS refusals in the same message, not on the next attempt
                .contains("bridge.http.keystore is empty")
                // the demo's broker URL carries a password: values are never repeated
                .doesNotContain("guest"));
    }

    @Test
    void erpPartitionsOnTheEmbeddedBrokerAreRefusedAtStart() throws Exception {
        BridgeHarness bridge = new BridgeHarness().with("bridge.erp.partitions", "4");

        assertThatThrownBy(bridge::start).rootCause().hasMessageContaining(
                "bridge.erp.partitions=4 needs RabbitMQ (single active consumer, headers exchange), not the embedded AMQP broker");
    }

    @Test
    void aRollUpKeptShorterThanTheReadingsItSumsIsRefusedAtStartNamingBothKeys() throws Exception {
        BridgeHarness bridge = new BridgeHarness().with("bridge.historian.retention", "400d")
                .with("bridge.historian.rollup-retention", "30d");

        assertThatThrownBy(bridge::start).rootCause().hasMessageContaining("bridge.historian.rollup-retention (30 days)")
                .hasMessageContaining("bridge.historian.retention (400 days)");
    }

    @Test
    void siteValuesAndModulesTurnedOffLeaveNothingToSay() {
        Properties site = new Properties();
        site.put("bridge.rabbitmq.url", "amqps://bridge@rabbit.plant:5671");
        site.put("bridge.mqtt.url", "ssl://mqtt.plant:8883");
        site.put("bridge.erp.sap-b1.transport", "di-server");
        site.put("bridge.erp.sap-b1.url", "https://b1.plant/DIServer");
        site.put("bridge.erp.sap-b1.database-server", "b1db");
        site.put("bridge.erp.sap-b1.database-name", "PLANT01");
        site.put("bridge.erp.sap-b1.license-server", "b1lic:30000");
        site.put("bridge.erp.sap-b1.company-password", "from-the-environment");
        site.put("bridge.erp.dynamics365.enabled", "false");
        site.put("bridge.erp.infor.enabled", "false");
        assertThat(DemoDefaults.findings(properties(site))).isEmpty();

        site.put("bridge.embedded", "false");
        site.put("bridge.historian.enabled", "true");
        assertThat(DemoDefaults.findings(properties(site))).containsExactly("bridge.historian.jdbc-url is empty: set"
                + " BRIDGE_HISTORIAN_JDBC_URL (or, without the historian, BRIDGE_HISTORIAN_ENABLED=false)");
        site.put("bridge.historian.jdbc-url", "jdbc:postgresql://db.plant:5432/plant");
        assertThat(DemoDefaults.findings(properties(site))).isEmpty();

        site.put("bridge.erp.dynamics365.enabled", "true");
        assertThat(DemoDefaults.findings(properties(site))).extracting(StartRequirementsTest::key)
                .containsExactly("bridge.erp.dynamics365.url", "bridge.erp.dynamics365.login-url",
                        "bridge.erp.dynamics365.tenant", "bridge.erp.dynamics365.client-secret");
        site.put("bridge.erp.dynamics365.enabled", "false");

        // SAP B1 on its default transport asks for the Service Layer's address and login, not the DI Server's
        site.remove("bridge.erp.sap-b1.transport");
        site.remove("bridge.erp.sap-b1.url");
        assertThat(DemoDefaults.findings(properties(site))).extracting(StartRequirementsTest::key)
                .containsExactly("bridge.erp.sap-b1.url", "bridge.erp.sap-b1.service-layer.company",
                        "bridge.erp.sap-b1.service-layer.password");
    }

    /** The key a finding names (its first word). */
    private static String key(String finding) {
        return finding.substring(0, finding.indexOf(' '));
    }

    private static PropertiesComponent properties(Properties site) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        properties.setOverrideProperties(site);
        return properties;
    }
}
