package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** The partition function other publishers must reproduce, the queues a module reads, and where partitions are refused. */
class ErpPartitionsTest {

    @Test
    void aSensorsPartitionIsItsJavaStringHashModuloNNeverNegative() {
        // pinned: docs/architecture.md documents the function; changing it would move sensors between owners
        assertThat(ErpPartitions.partition("press07-temp", 8)).isEqualTo(7); // hashCode -1658542537
        assertThat(ErpPartitions.partition("press08-count", 8)).isEqualTo(5); // hashCode 996898381
        assertThat(ErpPartitions.partition("cnc01-vib", 8)).isEqualTo(3); // hashCode -1024296549
        assertThat(ErpPartitions.partition("cnc01-vib", 1)).isZero();
    }

    @Test
    void withoutPartitionsAModuleReadsItsOneQueueWithNItsNPartitionQueues() {
        assertThat(new ErpPartitions(0).apply("sap-b1")).isEqualTo("erp.sap-b1");
        assertThat(new ErpPartitions(3).apply("sap-b1")).isEqualTo("erp.sap-b1.0,erp.sap-b1.1,erp.sap-b1.2");
        assertThatThrownBy(() -> new ErpPartitions(-1)).hasMessageContaining("bridge.erp.partitions");
    }

    @Test
    void partitionsOnTheEmbeddedBrokerOrNotANumberAreRefusedNamingTheKey() {
        Properties site = new Properties();
        site.put("bridge.embedded", "true");
        site.put("bridge.embedded.amqp.port", "5673");
        site.put("bridge.rabbitmq.url", "amqp://guest:guest@localhost:5673");
        assertThat(ErpPartitions.refusal(properties(site))).isEmpty();
        site.put("bridge.erp.partitions", "4");
        assertThat(ErpPartitions.refusal(properties(site))).hasValueSatisfying(m -> assertThat(m)
                .startsWith("bridge.erp.partitions=4 needs RabbitMQ").contains("bridge.rabbitmq.url").doesNotContain("guest"));
        site.put("bridge.rabbitmq.url", "amqp://guest:guest@rabbit.plant:5672");
        assertThat(ErpPartitions.refusal(properties(site))).isEmpty();
        site.put("bridge.erp.partitions", "four");
        assertThat(ErpPartitions.refusal(properties(site))).hasValue("bridge.erp.partitions must be a whole number, not 'four'");
    }

    private static PropertiesComponent properties(Properties site) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setInitialProperties(site);
        return properties;
    }
}
