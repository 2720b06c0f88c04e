package io.iotbridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last messages a broker connection delivered, to drop the copies QoS 1 brings: after a
 * broker or network outage the broker sends again what the bridge took but could not acknowledge
 * (DUP set), and a device sends again what the broker took but could not acknowledge, which the
 * broker forwards as a new message. A canonical JSON reading carries its sensor, time and sequence
 * number, so the same bytes on the same topic are the same reading; a bare number is not, and is
 * dropped only when the broker marks it a redelivery. Used on the connection's worker only.
 */
final class RecentMessages {

    private final Map<String, Boolean> recent;

    RecentMessages(int capacity) {
        recent = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when this message was delivered already and is a copy. */
    boolean isCopy(String topic, byte[] payload, boolean redelivery) {
        boolean reading = payload.length > 0 && payload[0] == '{';
        return (reading || redelivery) && recent.containsKey(key(topic, payload));
    }

    void delivered(String topic, byte[] payload) {
        recent.put(key(topic, payload), Boolean.TRUE);
    }

    private static String key(String topic, byte[] payload) {
        return topic + '\u0000' + new String(payload, StandardCharsets.ISO_8859_1);
    }
}
