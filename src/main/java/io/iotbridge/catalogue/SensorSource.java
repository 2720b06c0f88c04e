package io.iotbridge.catalogue;

/**
 * Reads the catalogue entries of one kind of source as data: one shared consumer (an OPC UA
 * session, an MQTT connection) carries every entry, instead of a route per entry. Bound as a
 * bean; the catalogue gate hands it each plain entry of its kind it accepts.
 */
public interface SensorSource {

    /** The entries' source kind, the source Kamelet's name without {@code -sensor-source} ({@code opcua}, {@code mqtt}). */
    String source();

    /**
     * Starts reading an entry (or queues it until the bridge has started) and returns what stops
     * reading it.
     *
     * @throws IllegalArgumentException naming the parameter and why, when the entry cannot be read
     */
    Reading start(SensorEntry entry);

    /** One entry being read. */
    interface Reading {
        void stop();
    }
}
