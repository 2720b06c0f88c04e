package io.iotbridge.mqtt;

import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * What every broker connection of this bridge instance shares.
 *
 * @param clientId      the MQTT client id, one session per broker and instance (bridge.mqtt.client-id)
 * @param sessionExpiry how long the broker keeps the session, and queues QoS 1 messages, while the bridge is away
 * @param parkTimeout   how long a message no entry reads waits for one (a reload) before it is refused
 * @param maxRetryDelay longest pause between two attempts at a message that failed (bridge.retry.max-delay)
 * @param tls           the TLS context of ssl:// brokers (asked for by those only): the bridge's trust
 *                      (bridge.tls.*), with the client certificate of bridge.mqtt.keystore if one is set
 * @param username      the user the bridge logs in as on every broker (bridge.mqtt.username); empty: none
 * @param password      its password (BRIDGE_MQTT_PASSWORD); empty: none
 */
record MqttSettings(String clientId, Duration sessionExpiry, Duration parkTimeout, Duration maxRetryDelay,
        Supplier<SSLContext> tls, String username, String password) {

    /** Never the password. */
    @Override
    public String toString() {
        return "MqttSettings[clientId=" + clientId + ", username=" + username + ", password="
                + (password.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
