package io.iotbridge.historian;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.iotbridge.BridgeHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A bridge whose historian writes to a test's own database, and readings put straight into its
 * queue historian.readings with the headers a catalogue entry would give them: readings of any
 * time (ingest refuses old ones), as the historian receives them.
 */
final class HistorianQueue {

    private HistorianQueue() {
    }

    /** A bridge (not yet started) with its historian on {@code url}, batches every 200 ms, the given shift calendar in UTC. */
    static BridgeHarness bridge(String url, String calendar) throws java.io.IOException {
        Path file = Files.createTempFile("shifts", ".properties");
        Files.writeString(file, calendar);
        return new BridgeHarness()
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.jdbc-url", url)
                .with("bridge.historian.user", "postgres")
                .with("bridge.historian.batch-interval", "200")
                .with("bridge.shifts.file", file.toString())
                .with("bridge.shifts.zone", "UTC");
    }

    /**
     * A connection to the bridge's embedded broker, once the historian's queues are there: the
     * historian declares them on a thread of its own after the bridge started, and a reading put
     * into a queue not yet declared is dropped by the broker without a word.
     */
    static Connection connect(BridgeHarness bridge) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port"));
        Connection connection = factory.newConnection();
        Awaitility.await("the historian's queues declared").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            // a passive declare of a missing queue closes its channel: a new one each try
            try (Channel channel = connection.createChannel()) {
                channel.queueDeclarePassive("historian.readings");
                channel.queueDeclarePassive("historian.outcomes");
                return true;
            }
        });
        return connection;
    }

    /** One GOOD reading into historian.readings; answers its id. */
    static String publishReading(Channel channel, String sensor, String machine, Instant ts, String value, String unit,
                                 Map<String, Object> headers) throws java.io.IOException {
        String body = """
                {"sensorId":"%s","machineId":"%s","value":%s,"unit":"%s","ts":"%s","quality":"GOOD","seq":0}"""
                .formatted(sensor, machine, value, unit, ts);
        String id = sensor + ":" + ts.toEpochMilli() + ":0";
        channel.basicPublish("", "historian.readings", new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(id)
                .headers(new HashMap<>(headers)).build(), body.getBytes(StandardCharsets.UTF_8));
        return id;
    }
}
