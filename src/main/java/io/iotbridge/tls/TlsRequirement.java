package io.iotbridge.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.spi.PropertiesComponent;

/**
 * What {@code bridge.tls.required} asks at start: the broker addresses and the URLs of every
 * enabled ERP module ({@code bridge.erp.<erp>.url}, {@code ...login-url}; of SAP B1 the endpoint of
 * its transport) must be encrypted, and the bridge's own servers must have a key store; each refusal
 * names the key that is in clear.
 */
public final class TlsRequirement {

    /** The key store of the bridge's own HTTPS servers ({@link ServerTls}). */
    static final String HTTP_KEYSTORE = "bridge.http.keystore";

    private TlsRequirement() {
    }

    /** The refusals; empty when TLS is not required or every address is encrypted. */
    public static List<String> refusals(PropertiesComponent properties) {
        if (!Boolean.parseBoolean(properties.resolveProperty("bridge.tls.required").orElse("false"))) {
            return List.of();
        }
        List<String> refusals = new ArrayList<>(PlaintextRefusal.check(addresses(properties)));
        if (properties.resolveProperty(HTTP_KEYSTORE).orElse("").isBlank()) {
            refusals.add(HTTP_KEYSTORE + " is empty, so the REST API, the status page and the management port would "
                    + "answer in clear; bridge.tls.required=true wants a key store (PKCS12) there and its password in "
                    + "BRIDGE_HTTP_KEYSTORE_PASSWORD");
        }
        return refusals;
    }

    private static Map<String, String> addresses(PropertiesComponent properties) {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (String key : List.of("bridge.rabbitmq.url", "bridge.mqtt.url")) {
            addresses.put(key, properties.resolveProperty(key).orElse(""));
        }
        Properties known = properties.loadProperties(key -> key.startsWith("bridge.erp."));
        known.stringPropertyNames().stream().sorted()
                .filter(key -> key.endsWith(".url") || key.endsWith("-url"))
                .filter(key -> enabled(properties, key))
                .forEach(key -> addresses.put(key, properties.resolveProperty(key).orElse("")));
        return addresses;
    }

    /** Whether the module a {@code bridge.erp.<erp>.*} key belongs to is on. */
    private static boolean enabled(PropertiesComponent properties, String key) {
        String module = key.substring(0, key.indexOf('.', "bridge.erp.".length()));
        return Boolean.parseBoolean(properties.resolveProperty(module + ".enabled").orElse("true"));
    }
}
