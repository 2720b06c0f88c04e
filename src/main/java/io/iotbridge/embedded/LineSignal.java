package io.iotbridge.embedded;

/**
 * The signals every simulated machine of {@link LineSimulator} exposes, with their UCUM unit
 * (docs/plant-engineer.md, "The canonical reading") so sensor catalogue entries for the simulator can be written from this list.
 */
public enum LineSignal {
    TEMPERATURE("Temperature", "Cel"),
    VIBRATION("Vibration", "mm/s"),
    RUN_HOURS("RunHours", "h"),
    /** An Int64 counter; the others are Doubles. */
    PART_COUNT("PartCount", "1");

    private final String browseName;
    private final String unit;

    LineSignal(String browseName, String unit) {
        this.browseName = browseName;
        this.unit = unit;
    }

    /** The last segment of the node id, e.g. {@code Temperature} in {@code Line1/PRESS-07/Temperature}. */
    public String browseName() {
        return browseName;
    }

    public String unit() {
        return unit;
    }
}
