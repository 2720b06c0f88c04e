package io.iotbridge.mqtt;

/**
 * What reads the messages of one topic filter on a broker connection: a catalogue entry's route
 * ({@link MqttConsumer}) or an entry read as data ({@link MqttSensors}).
 */
interface TopicReader {

    TopicFilter filter();

    /** False once the reader no longer reads (its entry replaced or removed). */
    boolean isLive();

    /** True when a reload replaced the reader's route without stopping it: it is dropped. */
    default boolean isStale() {
        return false;
    }

    /** Runs one message through the entry; true once it was buffered or refused to iot.rejected. */
    boolean process(String topic, byte[] payload);
}
