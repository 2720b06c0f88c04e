package io.iotbridge.ingest;

import io.iotbridge.erp.DecimalLimit;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a reading must be for the bridge to carry it: a time within {@code bridge.readings.max-age}
 * before and {@code bridge.readings.max-future} after now, and a value the target ERP's fields
 * hold. A reading outside either is refused at ingest, alone, with the reason; let in, a reading
 * dated 9999 would hold its window open until 9999, one dated year 1000 would overflow the time
 * arithmetic downstream, and one beyond the ERP's digits would fail its whole document.
 */
public class ReadingLimits {

    private final Duration maxFuture;
    private final Duration maxAge;
    private final Clock clock;
    private final Function<String, Optional<ErpModule>> modules;

    public ReadingLimits(Duration maxFuture, Duration maxAge, Clock clock, Function<String, Optional<ErpModule>> modules) {
        this.maxFuture = maxFuture;
        this.maxAge = maxAge;
        this.clock = clock;
        this.modules = modules;
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
