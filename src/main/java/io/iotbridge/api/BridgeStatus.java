package io.iotbridge.api;

import com.rabbitmq.client.Channel;
import io.iotbridge.buffer.RabbitTopology;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * GET /api/v1/status: what the status page needs besides the catalogue and the sandbox records.
 * Dead letters are counted with a passive queue declaration, which leaves the queue untouched
 * (listing them through /dead-letters takes and puts back every message).
 */
public class BridgeStatus {

    private final ConnectionFactory connections;
    private final Supplier<List<String>> modules;
    private final int managementPort;
    private final boolean sandbox;

    public BridgeStatus(ConnectionFactory connections, Supplier<List<String>> modules, int managementPort, boolean sandbox) {
        this.connections = connections;
        this.modules = modules;
        this.managementPort = managementPort;
        this.sandbox = sandbox;
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("managementPort", managementPort);
        status.put("sandbox", sandbox);
        List<String> erps = modules.get();
        status.put("erps", erps);
        Map<String, Object> deadLetters = new LinkedHashMap<>();
        for (String erp : erps) {
            deadLetters.put(erp, deadLetterCount(erp));
        }
        status.put("deadLetters", deadLetters);
        return status;
    }

    /** Messages in the ERP's dead-letter queue; the reason as text when the broker cannot tell. */
    private Object deadLetterCount(String erp) {
        try (Connection connection = connections.createConnection();
             Channel channel = connection.createChannel(false)) {
            return channel.queueDeclarePassive(RabbitTopology.deadLetterQueue(erp)).getMessageCount();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }
}
