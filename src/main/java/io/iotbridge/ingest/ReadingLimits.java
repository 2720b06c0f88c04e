package io.iotbridge.ingest;

import io.iotbridge.erp.DecimalLimit;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a reading must be for the bridge to carry it: a time within {@code bridge.readings.max-age}
 * before and {@code bridge.readings.max-future} after now, and a value the target ERP's fields
 * hold. A reading outside either is refused at ingest, alone, with the reason; let in, a reading
 * dated 9999 would hold its window open until 9999, one dated year 1000 would overflow the time
 * arithmetic downstream, and one beyond the ERP's digits would fail its whole document. Its text
 * fields are no longer than schemas/reading.schema.json allows, whatever the source.
 */
public class ReadingLimits {

    private final Duration maxFuture;
    private final Duration maxAge;
    private final Clock clock;
    private final Function<String, Optional<ErpModule>> modules;
    private final Map<String, Integer> maxLengths;

    /** @param maxLengths the longest text per field ({@link ReadingSchema#maxLengths()}) */
    public ReadingLimits(Duration maxFuture, Duration maxAge, Clock clock, Function<String, Optional<ErpModule>> modules,
            Map<String, Integer> maxLengths) {
        this.maxFuture = maxFuture;
        this.maxAge = maxAge;
        this.clock = clock;
        this.modules = modules;
        this.maxLengths = maxLengths;
    }

    /**
     * Throws {@link ReadingRejectedException} naming the first text field longer than its limit; the
     * value itself stays out of the message (a 1 MB id would otherwise travel on in the refusal).
     */
    public void checkLengths(Reading reading) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("sensorId", reading.sensorId());
        texts.put("machineId", reading.machineId());
        texts.put("unit", reading.unit());
        texts.put("source", reading.source());
        texts.forEach((field, text) -> {
            Integer limit = maxLengths.get(field);
            if (text != null && limit != null && text.length() > limit) {
                throw new ReadingRejectedException("invalid-field", "field '" + field + "' holds " + text.length()
                        + " characters; schemas/" + ReadingSchema.FILE + " allows at most " + limit);
            }
        });
    }

    /** Throws {@link ReadingRejectedException} naming the limit the reading breaks; {@code erp} is the module it feeds. */
    public void check(Reading reading, String erp) {
        Instant now = clock.instant();
        // compared as instants: a time near Instant.MAX has no epoch milliseconds
        if (reading.ts().isAfter(now.plus(maxFuture))) {
            throw new ReadingRejectedException("implausible-time", "sensor " + reading.sensorId() + ": timestamp "
                    + reading.ts() + " is more than " + maxFuture + " ahead of the bridge's clock ("
                    + now + "; bridge.readings.max-future)");
        }
        if (reading.ts().isBefore(now.minus(maxAge))) {
            throw new ReadingRejectedException("implausible-time", "sensor " + reading.sensorId() + ": timestamp "
                    + reading.ts() + " is more than " + maxAge + " old (bridge.readings.max-age)");
        }
        Double value = reading.value();
        if (value == null || erp == null) {
            return;
        }
        DecimalLimit limit = modules.apply(erp).flatMap(ErpModule::limit).orElse(null);
        if (limit != null && !limit.holds(value)) {
            throw new ReadingRejectedException("out-of-range", "sensor " + reading.sensorId() + ": value " + value + " "
                    + reading.unit() + " does not fit the " + erp + " field (at most " + limit.largest() + ")");
        }
    }
}
