package io.iotbridge.buffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

/**
 * Tells what became of each ERP document (accepted, or dead-lettered with the reason) by a message
 * to the exchange {@value #EXCHANGE}, routing key {@code <erp>.<kind>}, which the historian's queue
 * takes. The delivery threads only hand the message to the broker and never wait for its confirm:
 * ERP delivery never waits on the historian (or its database). With the historian off nothing is
 * published, as no queue would take it.
 */
public class DocumentOutcomes {

    public static final String EXCHANGE = "iot.outcomes";
    public static final String ACCEPTED = "accepted";
    public static final String DEAD_LETTERED = "dead-lettered";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentOutcomes.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * One document's outcome, as the historian stores it.
     *
     * @param documentKey the document's key within its ERP ({@code <kind>:<sensorId>@<window>} or {@code alert:<reading id>})
     * @param reason      why it was dead-lettered; null when accepted
     */
    public record Outcome(String erp, String kind, String documentKey, String outcome, String reason, String sensorId,
                          String machineId, String shift, String workOrder, List<String> readingIds, Instant decidedAt) {
    }

    private final BrokerPublisher publisher;
    private final boolean enabled;

    public DocumentOutcomes(BrokerPublisher publisher, boolean enabled) {
        this.publisher = publisher;
        this.enabled = enabled;
    }

    public void publish(Outcome outcome) {
        if (!enabled) {
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            LOG.warn("outcome of document {} not recorded in the historian: {}", outcome.documentKey(), e.getMessage());
            return;
        }
        publisher.send(EXCHANGE, outcome.erp() + "." + outcome.kind(), outcome.erp() + "/" + outcome.documentKey()
                        + "/" + outcome.outcome(), body, new MessageProperties())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("outcome of {} document {} not recorded in the historian (the broker did not take it): {}",
                                outcome.erp(), outcome.documentKey(), failure.getMessage());
                    }
                });
    }

    /** An alert document the ERP accepted (route erp-consumer, after deliveries.accepted). */
    public void accepted(Exchange exchange) {
        Outcome outcome = fromExchange(exchange, ACCEPTED, null);
        if (outcome != null) {
            publish(outcome);
        }
    }

    /** A document the ERP refused, its readings dead-lettered (routes/errors.camel.yaml, document-refused). */
    public void deadLettered(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Outcome outcome = fromExchange(exchange, DEAD_LETTERED, cause == null ? "refused" : cause.getMessage());
        if (outcome != null) {
            publish(outcome);
        }
    }

    /**
     * The outcome of the document an exchange of an ERP consumer carried: its readings are the
     * deliveries it settles; the document's key is that of an alert, {@code <kind>:<first reading id>}.
     * Null for an exchange without deliveries: an outbox document, whose outcome the outbox tells.
     */
    private Outcome fromExchange(Exchange exchange, String outcome, String reason) {
        List<String> ids = new ArrayList<>();
        String machine = null;
        List<?> deliveries = exchange.getProperty(Deliveries.PROPERTY, List.class);
        if (deliveries != null) {
            for (Object d : deliveries) {
                Deliveries.Delivery delivery = (Deliveries.Delivery) d;
                ids.add(delivery.messageId());
                String key = delivery.routingKey();
                if (machine == null && key != null && key.split("\\.", 3).length == 3) {
                    machine = key.split("\\.", 3)[2];
                }
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        String kind = exchange.getMessage().getHeader("iotKind", "alert", String.class);
        String first = ids.get(0);
        String sensor = first.substring(0, Math.max(0, first.lastIndexOf(':', first.lastIndexOf(':') - 1)));
        Map<String, String> enrichment = enrichment(exchange);
        return new Outcome(exchange.getMessage().getHeader("iotErp", String.class), kind, kind + ":" + first, outcome,
                reason, sensor, machine, enrichment.get("shift"), enrichment.get("workOrder"), ids, Instant.now());
    }

    /** The shift and work order the module's enricher found for the document, when it got that far. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> enrichment(Exchange exchange) {
        Object e = exchange.getProperty("iotEnrichment");
        return e == null ? Map.of() : JSON.convertValue(e, Map.class);
    }
}
