package io.iotbridge.mqtt;

import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * What one catalogue entry subscribes to: a topic filter, alone or in a shared subscription
 * ({@code $share/<group>/<filter>}). A message carries its real topic, never the {@code $share}
 * prefix, so messages are matched against the filter with MQTT's wildcard rules.
 *
 * @param filter the entry's topic (wildcards {@code +} and {@code #} allowed)
 * @param group  the shared subscription's group; blank: an ordinary subscription
 */
record TopicFilter(String filter, String group) {

    TopicFilter {
        MqttTopicValidator.validate(filter, true, true);
        group = group == null ? "" : group.trim();
    }

    /** What is sent in SUBSCRIBE and UNSUBSCRIBE. */
    String subscription() {
        return group.isEmpty() ? filter : "$share/" + group + "/" + filter;
    }

    boolean matches(String topic) {
        return MqttTopicValidator.isMatched(filter, topic);
    }
}
