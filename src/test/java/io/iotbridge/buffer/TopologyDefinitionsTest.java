package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docker/rabbitmq/definitions.json (for operators who pre-provision RabbitMQ) declares exactly
 * what the bridge declares at start. The bridge's declaration is recorded from RabbitTopology
 * on a channel that only writes down what it is asked to declare.
 */
class TopologyDefinitionsTest {

    @Test
    void definitionsJsonDeclaresWhatTheBridgeDeclares() throws Exception {
        List<String> declared = new ArrayList<>();
        Channel recorder = (Channel) Proxy.newProxyInstance(Channel.class.getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "exchangeDeclare" -> declared.add("exchange " + args[0] + " " + args[1]);
                        case "queueDeclare" -> declared.add("queue " + args[0] + " " + new TreeMap<>((Map<?, ?>) args[4]));
                        case "queueBind" -> declared.add("binding " + args[1] + " -> " + args[0] + " " + args[2]);
                        default -> { }
                    }
                    return null;
                });
        new RabbitTopology(() -> List.of("dynamics365", "infor", "sap-b1"), RabbitTopology.QueueType.AUTO, 5)
                .declare(recorder, true);

        JsonNode definitions = new ObjectMapper().readTree(Path.of("docker/rabbitmq/definitions.json").toFile());
        List<String> provisioned = new ArrayList<>();
        definitions.get("exchanges").forEach(e -> provisioned.add("exchange " + e.get("name").asText() + " " + e.get("type").asText()));
        ObjectMapper mapper = new ObjectMapper();
        definitions.get("queues").forEach(q -> provisioned.add("queue " + q.get("name").asText() + " "
                + new TreeMap<>(mapper.convertValue(q.get("arguments"), Map.class))));
        definitions.get("bindings").forEach(b -> provisioned.add("binding " + b.get("source").asText() + " -> "
                + b.get("destination").asText() + " " + b.get("routing_key").asText()));

        assertThat(provisioned).containsExactlyInAnyOrderElementsOf(declared);
    }
}
