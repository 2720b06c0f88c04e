package io.iotbridge.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * With {@code bridge.tls.required=true} (the prod profile) the bridge refuses to start when a
 * broker or ERP address would travel in clear, naming each key and what it should be instead.
 */
public final class PlaintextRefusal {

    private static final Map<String, String> SECURE = Map.of(
            "amqp", "amqps://", "tcp", "ssl://", "mqtt", "mqtts://", "http", "https://", "ws", "wss://");

    private PlaintextRefusal() {
    }

    /**
     * The refusals for {@code addresses} (key to URL); empty when every one is encrypted. A blank
     * address is not checked (the feature using it is off or takes it from elsewhere).
     */
    public static List<String> check(Map<String, String> addresses) {
        List<String> refusals = new ArrayList<>();
        addresses.forEach((key, url) -> {
            if (url == null || url.isBlank() || !url.contains("://")) {
                return;
            }
            String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
            String secure = SECURE.get(scheme);
            if (secure != null) {
                refusals.add(key + " is " + scheme + "://, which travels in clear; bridge.tls.required=true wants "
                        + secure + " (or set bridge.tls.required=false for this address's network)");
            }
        });
        return refusals;
    }
}
