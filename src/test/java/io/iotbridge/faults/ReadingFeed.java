package io.iotbridge.faults;

import io.iotbridge.buffer.BrokerPublisher;
import io.iotbridge.buffer.ErpPartitions;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends meter readings with unique ids, one per sensor per tick, and enters each in the ledger
 * once its publish was confirmed: either as a device does (canonical JSON over MQTT, QoS 1, to
 * the topic of a catalogue entry) or straight to the exchange iot.readings with the routing key
 * and headers reading-buffer-sink sets, which leaves out the ingest half.
 */
final class ReadingFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingFeed.class);
    private static final ReadingJson JSON = new ReadingJson();

    /**
     * One way of getting a reading to the bridge: runs {@code taken} once the broker took it (at
     * once, or later for a device that buffers while its broker is away); throws when it was not.
     */
    interface Sender {
        void send(Reading reading, Runnable taken) throws Exception;

        void close() throws Exception;
    }

    private final DeliveryLedger ledger;
    private final String machineId;
    private final List<String> sensors;
    private final Sender sender;
    private final AtomicLong seq = new AtomicLong();
    private ScheduledExecutorService ticks;

    private ReadingFeed(DeliveryLedger ledger, String machineId, List<String> sensors, Sender sender) {
        this.ledger = ledger;
        this.machineId = machineId;
        this.sensors = sensors;
        this.sender = sender;
    }

    /** Readings published to iot.readings as reading-buffer-sink publishes a meter reading for {@code erp}. */
    static ReadingFeed toExchange(String amqpUrl, String erp, String machineId, List<String> sensors, DeliveryLedger ledger) {
        return toExchange(amqpUrl, erp, machineId, sensors, ledger, new ErpPartitions(0));
    }

    /** As above, with the partition headers of {@code partitions} (bridge.erp.partitions). */
    static ReadingFeed toExchange(String amqpUrl, String erp, String machineId, List<String> sensors, DeliveryLedger ledger,
                                  ErpPartitions partitions) {
        // the bridge's own connection set-up and topology, so the queue exists before the bridge does
        CachingConnectionFactory connections = RabbitConnections.connectionFactory(amqpUrl,
                new RabbitTopology(() -> List.of(erp), RabbitTopology.QueueType.AUTO, 5, false, partitions));
        BrokerPublisher publisher = new BrokerPublisher(connections, Duration.ofSeconds(10));
        return new ReadingFeed(ledger, machineId, sensors, new Sender() {
            @Override
            public void send(Reading r, Runnable taken) {
                MessageProperties props = new MessageProperties();
                Map.ofEntries(Map.entry("iotSensorId", r.sensorId()), Map.entry("iotMachineId", r.machineId()),
                        Map.entry("iotUnit", r.unit()), Map.entry("iotField", "temperature"),
                        Map.entry("iotFieldUnit", r.unit()), Map.entry("iotMessageId", r.id()),
                        Map.entry("iotKind", "meter"), Map.entry("iotProductionOrder", ""), Map.entry("iotItemCode", ""),
                        Map.entry("iotScrap", "false"), Map.entry("iotAlertAbove", ""), Map.entry("iotAlertBelow", ""),
                        Map.entry("iotHysteresis", "0"), Map.entry("iotCoolDown", "0s")).forEach(props::setHeader);
                if (partitions.count() > 0) {
                    props.setHeader(ErpPartitions.ERP_HEADER, erp);
                    props.setHeader(ErpPartitions.PARTITION_HEADER,
                            String.valueOf(ErpPartitions.partition(r.sensorId(), partitions.count())));
                }
                publisher.publish(RabbitTopology.READINGS_EXCHANGE, erp + ".meter." + r.machineId(), r.id(),
                        JSON.toJson(r), props);
                taken.run();
            }

            @Override
            public void close() {
                connections.destroy();
            }
        });
    }

    /** Readings published as a device does: canonical JSON, QoS 1, to {@code topic} of sensor {@code sensor}. */
    static ReadingFeed toMqtt(String brokerUrl, String topic, String machineId, String sensor, DeliveryLedger ledger)
            throws Exception {
        MqttClient client = new MqttClient(brokerUrl, "faults-device-" + Long.toHexString(System.nanoTime()),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        return new ReadingFeed(ledger, machineId, List.of(sensor), new Sender() {
            @Override
            public void send(Reading r, Runnable taken) throws Exception {
                client.publish(topic, JSON.toJson(r).getBytes(StandardCharsets.UTF_8), 1, false);
                taken.run();
            }

            @Override
            public void close() throws Exception {
                client.disconnect();
                client.close();
            }
        });
    }

    /** Readings published as a device with a persistent session and a buffer of its own does ({@link MqttDevice}). */
    static ReadingFeed toMqttDevice(String brokerUrl, String topic, String machineId, String sensor, DeliveryLedger ledger)
            throws Exception {
        return new ReadingFeed(ledger, machineId, List.of(sensor), MqttDevice.connect(brokerUrl, topic));
    }

    /** Readings made so far, taken by the broker or not (yet). */
    long made() {
        return seq.get();
    }

    /** Starts sending one reading per sensor every {@code period}. */
    synchronized ReadingFeed start(Duration period) {
        ticks = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "reading-feed"));
        ticks.scheduleAtFixedRate(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops sending; returns once the last tick is done. */
    synchronized void stop() throws InterruptedException {
        if (ticks != null) {
            ticks.shutdown();
            ticks.awaitTermination(30, TimeUnit.SECONDS);
            ticks = null;
        }
    }

    private void tick() {
        for (String sensor : sensors) {
            // the reading's own time is now, so its meter window closes on the bridge's usual schedule
            Reading r = new Reading(sensor, machineId, 20 + seq.get() % 50 / 10.0, "Cel", Instant.now(), Quality.GOOD,
                    "mqtt", seq.incrementAndGet());
            try {
                sender.send(r, () -> ledger.sent(r.id()));
            } catch (Exception e) {
                // not taken (a broker down): not sent, so the ledger does not expect it
                LOG.info("reading {} not sent: {}", r.id(), e.getMessage());
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        sender.close();
    }
}
