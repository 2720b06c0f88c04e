package io.iotbridge.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalogue entry with every parameter its route file gives the source Kamelet and the
 * buffer sink, as the shared source consumers read it (passwords included, so it is never
 * logged whole: {@link #toString()} names the entry only).
 *
 * @param kamelet the source Kamelet's name, e.g. {@code opcua-sensor-source}
 * @param plain   the route does nothing but send the source's readings to the buffer sink
 * @param headers the headers the two Kamelets' templates set for the entry (iotSensorId,
 *                iotField ...), which its readings carry when it is read as data; empty until
 *                the catalogue check completed it
 */
public record SensorEntry(CatalogueEntry entry, String kamelet, Map<String, String> source, Map<String, String> sink,
                          boolean plain, Map<String, String> headers) {

    public SensorEntry {
        source = Map.copyOf(withoutNulls(source));
        sink = Map.copyOf(withoutNulls(sink));
        headers = Map.copyOf(withoutNulls(headers));
    }

    /** An entry as its route file states it, not yet completed. */
    public SensorEntry(CatalogueEntry entry, String kamelet, Map<String, String> source, Map<String, String> sink, boolean plain) {
        this(entry, kamelet, source, sink, plain, Map.of());
    }

    /** The same entry with the Kamelets' defaults filled in where the file gives no value. */
    public SensorEntry withDefaults(Map<String, String> sourceDefaults, Map<String, String> sinkDefaults) {
        return new SensorEntry(entry, kamelet, merge(sourceDefaults, source), merge(sinkDefaults, sink), plain, headers);
    }

    public SensorEntry withHeaders(Map<String, String> headers) {
        return new SensorEntry(entry, kamelet, source, sink, plain, headers);
    }

    /** Same source, same sink: a reload that leaves the entry as it was keeps it running. */
    public boolean sameAs(SensorEntry other) {
        return other != null && entry.equals(other.entry) && source.equals(other.source) && sink.equals(other.sink);
    }

    public String routeId() {
        return entry.routeId();
    }

    @Override
    public String toString() {
        return entry.describe();
    }

    private static Map<String, String> merge(Map<String, String> defaults, Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(given);
        return merged;
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
