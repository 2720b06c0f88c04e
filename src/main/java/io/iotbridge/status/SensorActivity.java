package io.iotbridge.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.iotbridge.reading.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened last to each sensor's readings and to each ERP's documents, for the status page:
 * the last reading taken in, the last refused at ingest, booked by or dead-lettered from an ERP.
 * Nothing else keeps this per sensor (the metrics count per source and reason, not per sensor).
 * In memory and since start; the number of sensors held is bounded, so readings of ids no
 * catalogue entry names cannot grow it without end.
 */
public final class SensorActivity {

    /** More than the 10,000 tags of a large plant, with room for the refused ids of unknown sensors. */
    static final int MAX_SENSORS = 50_000;
    /** Distinct dead-letter reasons kept per ERP (the reason is the ERP's own message). */
    static final int MAX_REASONS = 50;
    private static final int MAX_REASON_LENGTH = 300;

    /** The last reading taken in for a sensor, as it travels (in its ERP field's unit). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastReading(Double value, String unit, String quality, Instant ts, Instant receivedAt) {
    }

    /** One sensor's outcomes since start. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcomes(LastReading last, long taken, long refused, String lastRefusal, Instant lastRefusedAt,
                           long booked, Instant lastBookedAt, long deadLettered, String lastDeadLetter,
                           Instant lastDeadLetteredAt) {
    }

    private static final class Sensor {
        volatile LastReading last;
        final LongAdder taken = new LongAdder();
        final LongAdder refused = new LongAdder();
        volatile String lastRefusal;
        volatile Instant lastRefusedAt;
        final LongAdder booked = new LongAdder();
        volatile Instant lastBookedAt;
        final LongAdder deadLettered = new LongAdder();
        volatile String lastDeadLetter;
        volatile Instant lastDeadLetteredAt;

        Outcomes outcomes() {
            return new Outcomes(last, taken.sum(), refused.sum(), lastRefusal, lastRefusedAt, booked.sum(), lastBookedAt,
                    deadLettered.sum(), lastDeadLetter, lastDeadLetteredAt);
        }
    }

    private static final class Erp {
        volatile Instant lastAccepted;
        final Map<String, LongAdder> deadLetterReasons = new ConcurrentHashMap<>();
    }

    private final Clock clock;
    private final Instant started;
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();
    private final Map<String, Erp> erps = new ConcurrentHashMap<>();

    public SensorActivity(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    public Instant started() {
        return started;
    }

    /** A reading passed every check at ingest and goes to the buffer. */
    public void taken(Reading reading) {
        sensor(reading.sensorId()).ifPresent(s -> {
            s.taken.increment();
            s.last = new LastReading(reading.value(), reading.unit(), reading.quality() == null ? null : reading.quality().name(),
                    reading.ts(), clock.instant());
        });
    }

    /** A reading of this sensor was refused at ingest (to iot.rejected) for {@code reason}. */
    public void refused(String sensorId, String reason) {
        sensor(sensorId).ifPresent(s -> {
            s.refused.increment();
            s.lastRefusal = reason;
            s.lastRefusedAt = clock.instant();
        });
    }

    /** The ERP accepted the document carrying this reading. */
    public void booked(String erp, String readingId) {
        Instant now = clock.instant();
        if (erp != null) {
            erp(erp).lastAccepted = now;
        }
        sensor(sensorOf(readingId)).ifPresent(s -> {
            s.booked.increment();
            s.lastBookedAt = now;
        });
    }

    /** The ERP refused the document carrying this reading for good: it went to the dead letters. */
    public void deadLettered(String erp, String readingId, String reason) {
        String why = reason == null ? "refused" : reason.length() > MAX_REASON_LENGTH
                ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
        if (erp != null) {
            Map<String, LongAdder> reasons = erp(erp).deadLetterReasons;
            LongAdder count = reasons.get(why);
            if (count == null && reasons.size() < MAX_REASONS) {
                count = reasons.computeIfAbsent(why, r -> new LongAdder());
            }
            if (count == null) {
                count = reasons.computeIfAbsent("(other reasons)", r -> new LongAdder());
            }
            count.increment();
        }
        sensor(sensorOf(readingId)).ifPresent(s -> {
            s.deadLettered.increment();
            s.lastDeadLetter = why;
            s.lastDeadLetteredAt = clock.instant();
        });
    }

    /** What happened to a sensor's readings since start; empty when nothing did. */
    public Optional<Outcomes> of(String sensorId) {
        Sensor s = sensorId == null ? null : sensors.get(sensorId);
        return s == null ? Optional.empty() : Optional.of(s.outcomes());
    }

    /** When the ERP last accepted a document; null when it has not since start. */
    public Instant lastAccepted(String erp) {
        Erp e = erps.get(erp);
        return e == null ? null : e.lastAccepted;
    }

    /** The reasons the ERP's documents were dead-lettered for since start, with the readings each. */
    public Map<String, Long> deadLetterReasons(String erp) {
        Map<String, Long> out = new LinkedHashMap<>();
        Erp e = erps.get(erp);
        if (e != null) {
            e.deadLetterReasons.forEach((reason, count) -> out.put(reason, count.sum()));
        }
        return out;
    }

    private Optional<Sensor> sensor(String sensorId) {
        if (sensorId == null) {
            return Optional.empty();
        }
        Sensor s = sensors.get(sensorId);
        if (s == null && sensors.size() < MAX_SENSORS) {
            s = sensors.computeIfAbsent(sensorId, id -> new Sensor());
        }
        return Optional.ofNullable(s);
    }

    private Erp erp(String erp) {
        return erps.computeIfAbsent(erp, e -> new Erp());
    }

    /** The sensor of a reading id, {@code <sensorId>:<epoch ms>:<seq>}. */
    static String sensorOf(String readingId) {
        if (readingId == null) {
            return null;
        }
        int seq = readingId.lastIndexOf(':');
        int ts = seq <= 0 ? -1 : readingId.lastIndexOf(':', seq - 1);
        return ts <= 0 ? null : readingId.substring(0, ts);
    }
}
