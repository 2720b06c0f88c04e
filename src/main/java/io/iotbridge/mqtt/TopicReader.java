package io.iotbridge.mqtt;

import java.util.concurrent.CompletableFuture;

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

    /**
     * Runs one message through the entry; completes with true once it was buffered (confirmed by
     * the broker) or refused to iot.rejected, false when it failed and should be tried again.
     */
    CompletableFuture<Boolean> process(String topic, byte[] payload);
}
