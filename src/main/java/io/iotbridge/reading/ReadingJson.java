package io.iotbridge.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one codec of the canonical reading's JSON form (docs/plant-engineer.md, "The canonical reading"). Parsing names the field
 * and the reason of every refusal, because a plant engineer reads that message in
 * {@code iot.rejected} to find the misconfigured device.
 */
public class ReadingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson(Reading reading) {
        try {
            return MAPPER.writeValueAsString(reading);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise reading " + reading.id(), e);
        }
    }

    /** Parses and checks a canonical reading; throws {@link ReadingRejectedException} naming the fault. */
    public Reading parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReadingRejectedException("unparseable",
                    "payload is not JSON: " + e.getOriginalMessage());
        }
        return parseNode(node);
    }

    /** As {@link #parse(String)}, for a reading already read as JSON (a line of a batch); not an overload of parse, which routes call by name. */
    public Reading parseNode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ReadingRejectedException("unparseable", "payload is not a JSON object");
        }
        String sensorId = text(node, "sensorId");
        Quality quality = quality(node);
        JsonNode value = node.get("value");
        if ((value == null || value.isNull()) && quality != Quality.BAD) {
            throw new ReadingRejectedException("missing-field", "field 'value' is missing (only a BAD reading may omit it)");
        }
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw new ReadingRejectedException("invalid-field", "field 'value' is not a number: " + value);
        }
        JsonNode seq = node.get("seq");
        if (seq != null && !seq.canConvertToLong()) {
            throw new ReadingRejectedException("invalid-field", "field 'seq' is not an integer: " + seq);
        }
        return new Reading(
                sensorId,
                text(node, "machineId"),
                value == null || value.isNull() ? null : value.doubleValue(),
                text(node, "unit"),
                timestamp(node),
                quality,
                node.hasNonNull("source") ? node.get("source").asText() : null,
                seq == null ? 0 : seq.asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new ReadingRejectedException("missing-field", "field '" + field + "' is missing");
        }
        if (!v.isTextual()) {
            throw new ReadingRejectedException("invalid-field", "field '" + field + "' is not a string: " + v);
        }
        return v.asText();
    }

    private static Instant timestamp(JsonNode node) {
        String ts = text(node, "ts");
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new ReadingRejectedException("invalid-field",
                    "field 'ts' is not an ISO-8601 UTC timestamp: " + ts);
        }
    }

    private static Quality quality(JsonNode node) {
        JsonNode q = node.get("quality");
        if (q == null || q.isNull()) {
            return Quality.GOOD;
        }
        try {
            return Quality.valueOf(q.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReadingRejectedException("invalid-field",
                    "field 'quality' must be GOOD, UNCERTAIN or BAD: " + q.asText());
        }
    }
}
