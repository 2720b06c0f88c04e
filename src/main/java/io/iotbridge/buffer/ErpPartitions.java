package io.iotbridge.buffer;

import io.iotbridge.reading.Reading;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/**
 * ERP queues split by sensor ({@code bridge.erp.partitions}, docs/architecture.md, "Several
 * instances on one queue"): with N above 0 each module reads N queues {@code erp.<erp>.<k>}, each
 * with RabbitMQ's single active consumer, so the broker makes one bridge instance at a time the
 * owner of a partition and hands it to another when that one goes. A sensor's readings all go to
 * one partition: {@link #partition(String, int)}. With 0 (the default) the module reads its one
 * queue {@code erp.<erp>} as before.
 */
public final class ErpPartitions implements PropertiesFunction {

    /** The headers a headers exchange routes a reading to its partition queue by. */
    public static final String ERP_HEADER = "iotErp";
    public static final String PARTITION_HEADER = "iotPartition";
    /** The headers exchange bound to iot.readings, from which partition queues take their readings. */
    public static final String EXCHANGE = "iot.partitions";
    /** Property placeholder function: {@code {{erp-queues:sap-b1}}} is the module's queues, comma separated. */
    public static final String FUNCTION = "erp-queues";

    private final int count;

    public ErpPartitions(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("bridge.erp.partitions must be 0 (one queue per ERP) or more, not " + count);
        }
        this.count = count;
    }

    /** {@code bridge.erp.partitions} as configured; answers 0 when it is not set. */
    public static ErpPartitions of(PropertiesComponent properties) {
        String value = properties.resolveProperty("bridge.erp.partitions").orElse("0").trim();
        try {
            return new ErpPartitions(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bridge.erp.partitions must be a whole number, not '" + value + "'", e);
        }
    }

    public int count() {
        return count;
    }

    /**
     * The partition of a sensor: Java's {@code String.hashCode} of the sensor id (specified by the
     * JDK: s[0]*31^(n-1) + ... + s[n-1], over its UTF-16 chars, in 32-bit arithmetic), taken
     * modulo N as a non-negative number ({@code Math.floorMod}). Stable across JVMs and versions,
     * and easy for another publisher to compute the same way.
     */
    public static int partition(String sensorId, int count) {
        return Math.floorMod(sensorId.hashCode(), count);
    }

    public static String queue(String erp, int partition) {
        return RabbitTopology.erpQueue(erp) + "." + partition;
    }

    /** The queues module {@code erp} reads: erp.<erp> alone, or its N partition queues. */
    public List<String> queues(String erp) {
        return count == 0 ? List.of(RabbitTopology.erpQueue(erp))
                : IntStream.range(0, count).mapToObj(k -> queue(erp, k)).toList();
    }

    /**
     * Step of the buffer route before the publish (body: the reading): the headers its partition
     * queue is bound by. Nothing with 0 partitions, so a reading is published as before.
     */
    public void mark(Exchange exchange) {
        if (count == 0) {
            return;
        }
        Reading reading = exchange.getMessage().getBody(Reading.class);
        headers(exchange.getMessage().getHeader("iotPublishErp", String.class), reading.sensorId())
                .forEach(exchange.getMessage()::setHeader);
    }

    /**
     * The partition headers of a reading of {@code sensorId} for module {@code erp}; none with 0
     * partitions. A string on both sides of the binding: a headers exchange compares types too.
     */
    public java.util.Map<String, String> headers(String erp, String sensorId) {
        return count == 0 ? java.util.Map.of()
                : java.util.Map.of(ERP_HEADER, erp, PARTITION_HEADER, String.valueOf(partition(sensorId, count)));
    }

    @Override
    public String getName() {
        return FUNCTION;
    }

    @Override
    public String apply(String erp) {
        return String.join(",", queues(erp.trim()));
    }

    /**
     * Why the settings cannot work, if they cannot: partitions need RabbitMQ (single active
     * consumer, headers exchange bound to an exchange), which the embedded Qpid broker is not.
     */
    public static Optional<String> refusal(PropertiesComponent properties) {
        ErpPartitions partitions;
        try {
            partitions = of(properties);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (partitions.count() == 0) {
            return Optional.empty();
        }
        boolean embedded = Boolean.parseBoolean(properties.resolveProperty("bridge.embedded").orElse("false"));
        String url = properties.resolveProperty("bridge.rabbitmq.url").orElse("");
        String embeddedPort = properties.resolveProperty("bridge.embedded.amqp.port").orElse("");
        if (embedded && embeddedBroker(url, embeddedPort)) {
            return Optional.of("bridge.erp.partitions=" + partitions.count() + " needs RabbitMQ (single active consumer, "
                    + "headers exchange), not the embedded AMQP broker: set bridge.rabbitmq.url to a RabbitMQ, "
                    + "or bridge.erp.partitions=0");
        }
        return Optional.empty();
    }

    private static boolean embeddedBroker(String url, String embeddedPort) {
        try {
            URI uri = URI.create(url);
            return List.of("localhost", "127.0.0.1", "::1", "[::1]").contains(uri.getHost())
                    && String.valueOf(uri.getPort()).equals(embeddedPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
