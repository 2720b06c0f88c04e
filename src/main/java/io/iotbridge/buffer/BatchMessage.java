package io.iotbridge.buffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;

/**
 * Many meter or counter readings of one routing key in one AMQP message on iot.readings
 * (docs/architecture.md, "Delivery core"): newline-delimited JSON, one line per reading,
 * {@code {"headers":{<the reading's iot* headers>},"reading":{<the canonical reading>}}}, with
 * the header {@link #COUNT} (the number of lines) and content type {@link #CONTENT_TYPE}. A
 * message without {@link #COUNT} is a single reading, as before batching.
 */
public final class BatchMessage {

    /** The number of readings in a batch; its presence is what marks a message as a batch. */
    public static final String COUNT = "iotBatchCount";
    public static final String CONTENT_TYPE = "application/x-ndjson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchMessage() {
    }

    /**
     * One line of a batch.
     *
     * @param number   1 for the first line
     * @param text     the line as it came
     * @param reading  the canonical reading's JSON object; null when the line is no batch line
     * @param headers  the reading's headers (as text)
     * @param problem  why the line is no batch line; null when it is one
     */
    public record Line(int number, String text, JsonNode reading, Map<String, String> headers, String problem) {

        /** The reading's id as it was published (header iotMessageId); null when the line has none. */
        public String readingId() {
            return headers.get(BrokerPublisher.MESSAGE_ID);
        }

        /** What a dead letter of this line carries: the reading's JSON, or the line itself when it has none. */
        public String body() {
            return reading != null ? reading.toString() : text;
        }
    }

    /** Whether the message (as Camel's spring-rabbitmq consumer hands it over) is a batch. */
    public static boolean isBatch(Message message) {
        return message.getHeader(COUNT) != null;
    }

    /** A line of a batch: the reading's JSON (as published) with the headers that travel with it. */
    static String line(String readingJson, Map<String, Object> headers) {
        try {
            return "{\"headers\":" + JSON.writeValueAsString(headers) + ",\"reading\":" + readingJson + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers of a reading cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The lines of a batch's body; a line that is not a batch line comes with its {@link Line#problem()}. */
    public static List<Line> lines(String body) {
        List<Line> lines = new ArrayList<>();
        if (body == null) {
            return lines;
        }
        int number = 0;
        for (String text : body.split("\n")) {
            number++;
            if (!text.isBlank()) {
                lines.add(parse(number, text));
            }
        }
        return lines;
    }

    private static Line parse(int number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Line(number, text, null, Map.of(), "line " + number + " of the batch is not JSON: " + e.getOriginalMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = node == null ? null : node.get("headers");
        if (h != null && h.isObject()) {
            h.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    headers.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        JsonNode reading = node == null ? null : node.get("reading");
        if (reading == null || !reading.isObject()) {
            return new Line(number, text, null, Collections.unmodifiableMap(headers),
                    "line " + number + " of the batch has no object 'reading'");
        }
        return new Line(number, text, reading, Collections.unmodifiableMap(headers), null);
    }
}
