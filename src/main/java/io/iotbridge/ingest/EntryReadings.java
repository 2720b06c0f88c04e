package io.iotbridge.ingest;

import io.iotbridge.catalogue.SensorEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * Hands what a shared source consumer read for a catalogue entry (no route of its own) to the
 * buffer route, {@code direct:catalogue-reading}, with the entry as the same iot* headers the
 * source and sink Kamelets set for an entry that is a route (read from their templates by the
 * catalogue check: {@link SensorEntry#headers()}). Asynchronous: the caller learns the outcome
 * from its callback, once the broker confirmed the reading or it was refused.
 */
public final class EntryReadings {

    /** The buffer route's door for entries read as data (reading-buffer.camel.yaml). */
    public static final String ENDPOINT = "direct:catalogue-reading";

    private final LazyProducer producer;

    public EntryReadings(CamelContext context) {
        this.producer = new LazyProducer(context, ENDPOINT);
    }

    /** The headers every reading of the entry carries; made once per entry. */
    public static Map<String, Object> headers(SensorEntry entry) {
        Map<String, Object> headers = new LinkedHashMap<>(entry.headers());
        // what the catalogue-reading route counts readings by (a source Kamelet's route counts its own)
        headers.put("iotSource", entry.entry().source());
        return Map.copyOf(headers);
    }

    /**
     * Sends one reading; {@code done} gets null once it is buffered (or refused to iot.rejected),
     * else what failed.
     *
     * @param exchangeProperties set on the exchange, e.g. to ask for failures at once rather than retried
     */
    public void send(Map<String, Object> headers, Object body, Map<String, Object> exchangeProperties,
                     Consumer<Throwable> done) {
        AsyncProducer to = producer.get();
        Exchange exchange = to.getEndpoint().createExchange();
        exchange.getMessage().getHeaders().putAll(headers);
        exchange.getMessage().setBody(body);
        exchangeProperties.forEach(exchange::setProperty);
        try {
            to.process(exchange, doneSync -> done.accept(exchange.getException() != null ? exchange.getException()
                    : exchange.isRollbackOnly() ? new IllegalStateException("rolled back") : null));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }
}
