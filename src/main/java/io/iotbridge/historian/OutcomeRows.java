package io.iotbridge.historian;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotbridge.buffer.DocumentOutcomes;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Body;

/** A document outcome from iot.outcomes as a row of historian.document_outcomes. */
public final class OutcomeRows {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @throws IllegalArgumentException naming what is missing when the message is no outcome */
    public Map<String, Object> row(@Body String body) {
        DocumentOutcomes.Outcome o;
        try {
            o = JSON.readValue(body, DocumentOutcomes.Outcome.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a document outcome: " + e.getMessage(), e);
        }
        if (o.erp() == null || o.documentKey() == null || o.outcome() == null || o.decidedAt() == null) {
            throw new IllegalArgumentException("document outcome without erp, documentKey, outcome or decidedAt");
        }
        Map<String, Object> row = new HashMap<>();
        row.put("erp", o.erp());
        row.put("document_key", o.documentKey());
        row.put("kind", o.kind());
        row.put("outcome", o.outcome());
        row.put("reason", o.reason());
        row.put("sensor_id", o.sensorId());
        row.put("machine_id", o.machineId());
        row.put("shift", o.shift());
        row.put("work_order", o.workOrder());
        String[] ids = o.readingIds() == null ? new String[0] : o.readingIds().toArray(String[]::new);
        row.put("reading_ids", ids);
        row.put("first_reading_time", ReadingRows.utc(firstReadingTime(ids)));
        row.put("decided_at", ReadingRows.utc(o.decidedAt()));
        return row;
    }

    /** The earliest time among reading ids {@code <sensorId>:<epoch ms>:<seq>}. */
    private static java.time.Instant firstReadingTime(String[] ids) {
        long first = Long.MAX_VALUE;
        for (String id : ids) {
            String[] parts = id.split(":");
            try {
                first = Math.min(first, Long.parseLong(parts[parts.length - 2]));
            } catch (RuntimeException e) {
                // an id of another shape tells no time
            }
        }
        return first == Long.MAX_VALUE ? null : java.time.Instant.ofEpochMilli(first);
    }
}
