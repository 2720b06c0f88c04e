package io.iotbridge.enrich;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** The shift calendar every module's documents name the shift from (bridge.shifts.*). */
@Configuration
public class EnrichConfiguration {

    /** An invalid calendar stops the start. */
    @BindToRegistry
    public ShiftCalendar shiftCalendar(@PropertyInject("bridge.shifts.file") String file,
            @PropertyInject(value = "bridge.shifts.zone", defaultValue = "") String zone) {
        return ShiftCalendar.fromSettings(file, zone);
    }
}
