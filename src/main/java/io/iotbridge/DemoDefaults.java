package io.iotbridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings only the site can know (broker addresses, each enabled ERP's address, identity and
 * secrets, the historian's database when it is on) that still hold the value the jar ships for the demo: under the {@code prod} profile
 * each one is a reason not to start, named with the environment variable that sets it. Values are
 * never repeated in the message: a demo URL can carry a password.
 */
final class DemoDefaults {

    private static final List<String> BROKERS = List.of("bridge.rabbitmq.url", "bridge.mqtt.url");
    private static final String HISTORIAN_URL = "bridge.historian.jdbc-url";

    /** Per ERP module, the keys under {@code bridge.erp.<erp>.} that a real system gives its own value. */
    private static final Map<String, List<String>> ERP_KEYS = erpKeys();

    private DemoDefaults() {
    }

    private static Map<String, List<String>> erpKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("sap-b1", List.of("url", "database-server", "database-name", "license-server", "company-password"));
        keys.put("dynamics365", List.of("url", "login-url", "tenant", "client-secret"));
        keys.put("infor", List.of("ionapi-file"));
        return keys;
    }

    /** SAP B1 over the Service Layer (its default transport) logs in with these instead of the DI Server's. */
    private static final List<String> SAP_B1_SERVICE_LAYER = List.of(
            "url", "service-layer.company", "service-layer.password");

    private static List<String> keysOf(PropertiesComponent properties, String erp, List<String> keys) {
        boolean serviceLayer = erp.equals("sap-b1") && "service-layer".equals(
                properties.resolveProperty("bridge.erp.sap-b1.transport").orElse("service-layer").trim());
        return serviceLayer ? SAP_B1_SERVICE_LAYER : keys;
    }

    /** One line per key still at its demo value; empty when the site set them all. */
    static List<String> findings(PropertiesComponent properties) {
        Properties shipped = shipped();
        List<String> keys = new ArrayList<>(BROKERS);
        ERP_KEYS.forEach((erp, suffixes) -> {
            String module = "bridge.erp." + erp;
            if (Boolean.parseBoolean(properties.resolveProperty(module + ".enabled").orElse("true"))) {
                keysOf(properties, erp, suffixes).forEach(suffix -> keys.add(module + "." + suffix));
            }
        });
        // the historian outside the embedded default (which has its own PostgreSQL) needs the plant's
        if (flag(properties, "bridge.historian.enabled") && !flag(properties, "bridge.embedded")) {
            keys.add(HISTORIAN_URL);
        }
        List<String> findings = new ArrayList<>();
        Set<String> hinted = new HashSet<>();
        for (String key : keys) {
            String now = properties.resolveProperty(key).orElse("").trim();
            String shippedValue = shipped.getProperty(key, "");
            // parseUri resolves placeholders only where there are some (a bare text is read as a key)
            String demo = (shippedValue.contains("{{") ? properties.parseUri(shippedValue) : shippedValue).trim();
            if (now.isEmpty()) {
                findings.add(key + " is empty: set " + environmentName(key) + hint(key, hinted));
            } else if (now.equals(demo)) {
                findings.add(key + " still has the demo's value: set " + environmentName(key) + hint(key, hinted));
            }
        }
        return findings;
    }

    /** The environment variable Camel reads for {@code key} (docs/operator.md, "Configuration reference"). */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        return Boolean.parseBoolean(properties.resolveProperty(key).orElse("false").trim());
    }

    /** Once per ERP module: how to turn it off instead, for a site that does not use that ERP. */
    private static String hint(String key, Set<String> hinted) {
        if (key.equals(HISTORIAN_URL)) {
            return " (or, without the historian, " + environmentName("bridge.historian.enabled") + "=false)";
        }
        if (!key.startsWith("bridge.erp.")) {
            return "";
        }
        String module = key.substring(0, key.indexOf('.', "bridge.erp.".length()));
        return hinted.add(module) ? " (or, without this ERP, " + environmentName(module + ".enabled") + "=false)" : "";
    }

    private static Properties shipped() {
        Properties shipped = new Properties();
        try (InputStream in = DemoDefaults.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                shipped.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged application.properties", e);
        }
        return shipped;
    }
}
