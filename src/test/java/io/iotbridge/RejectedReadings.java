package io.iotbridge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The queue iot.rejected, read as a test does: until the refused reading it waits for comes. */
public final class RejectedReadings {

    private RejectedReadings() {
    }

    /** Reads iot.rejected until the message with this exact payload comes (other tests' refusals are skipped). */
    public static Message await(String amqpUrl, String payload) {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(amqpUrl));
        try {
            RabbitTemplate rabbit = new RabbitTemplate(connections);
            AtomicReference<Message> rejected = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                Message m = rabbit.receive("iot.rejected", 500);
                if (m != null && new String(m.getBody(), StandardCharsets.UTF_8).equals(payload)) {
                    rejected.set(m);
                }
                return rejected.get() != null;
            });
            return rejected.get();
        } finally {
            connections.destroy();
        }
    }
}
