package io.iotbridge;

import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.sandbox.ErpSandbox;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says on one screen, once everything started, what runs where and what is simulated. */
public final class StartupSummary extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent p = context.getPropertiesComponent();
        boolean embedded = Boolean.parseBoolean(get(p, "bridge.embedded"));
        boolean sandbox = Boolean.parseBoolean(get(p, "bridge.sandbox.enabled"));
        // ServerTls: a key store puts both servers on HTTPS
        String scheme = p.resolveProperty("bridge.http.keystore").orElse("").isBlank() ? "http" : "https";
        String http = scheme + "://localhost:" + get(p, "bridge.http.port");
        String management = scheme + "://localhost:" + get(p, "camel.management.port");
        List<String> lines = new ArrayList<>();
        lines.add("iot-erp-bridge is running (" + (embedded ? "embedded default: brokers, line and ERP sandboxes simulated in-process" : "external services") + ")");
        lines.add(row("REST API", http + "/api/v1/"));
        lines.add(row("health", management + "/observe/health"));
        lines.add(row("metrics", management + "/observe/metrics"));
        String amqp = get(p, "bridge.rabbitmq.url");
        String mqtt = get(p, "bridge.mqtt.url");
        lines.add(row("AMQP broker", RabbitConnections.redacted(amqp)
                + (embedded && onPort(amqp, get(p, "bridge.embedded.amqp.port")) ? "  (embedded Qpid Broker-J)" : "")));
        lines.add(row("MQTT broker", mqtt
                + (embedded && Boolean.parseBoolean(get(p, "bridge.embedded.mqtt.enabled"))
                && onPort(mqtt, get(p, "bridge.embedded.mqtt.port")) ? "  (embedded HiveMQ CE; simulated device CNC-03 publishes every "
                + get(p, "bridge.embedded.device.period") + ")" : "")));
        lines.add(row("OPC UA line 1", get(p, "bridge.opcua.line1.url")
                + (embedded ? "  (simulated: PRESS-07, PRESS-08)" : "")));
        // every ERP module the build has, with where it delivers and whether that is its sandbox
        // a module may have several (SAP B1: the Service Layer's and the DI Server's), listed together
        Map<String, String> sandboxes = new TreeMap<>();
        context.getRegistry().findByType(ErpSandbox.class).stream().sorted(Comparator.comparing(ErpSandbox::address))
                .forEach(s -> sandboxes.merge(s.erp(), s.address(), (a, b) -> a + ", " + b));
        context.getRegistry().findByType(ErpModule.class).stream().sorted(Comparator.comparing(ErpModule::name))
                .forEach(m -> lines.add(row("ERP " + m.name(), (m.enabled() ? "" : "[disabled] ")
                        + (sandbox && sandboxes.containsKey(m.name())
                        ? "sandbox at " + sandboxes.get(m.name()) + "; records at " + http
                        + "/api/v1/sandbox/" + m.name() + "/documents"
                        : p.resolveProperty("bridge.erp." + m.name() + ".url").orElse("(see its .ionapi / settings)")))));
        lines.add(row("historian", historian(p, http)));
        lines.add(row("meter window", get(p, "bridge.meter.window")));
        lines.add(row("routes", context.getRoutesSize() + " started"));
        LOG.info("\n  {}", String.join("\n  ", lines));
    }

    /** Where the historian writes; the URL without its parameters, which may hold a password. */
    private static String historian(PropertiesComponent p, String http) {
        if (!Boolean.parseBoolean(get(p, "bridge.historian.enabled"))) {
            return "off (bridge.historian.enabled)";
        }
        String url = p.resolveProperty("bridge.historian.jdbc-url").orElse("").strip();
        String where = url.isEmpty() ? "embedded PostgreSQL at localhost:" + get(p, "bridge.embedded.postgres.port")
                + " (user postgres)" : url.replaceAll("[?;].*$", "");
        return where + ", schema " + get(p, "bridge.historian.schema") + "; readings at " + http
                + "/api/v1/historian/readings?sensorId=";
    }

    /** Whether a broker URL names this port: the embedded broker runs beside one set elsewhere. */
    private static boolean onPort(String url, String port) {
        try {
            return String.valueOf(URI.create(url).getPort()).equals(port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String row(String what, String where) {
        return String.format("%-17s %s", what, where);
    }

    private static String get(PropertiesComponent p, String key) {
        return p.resolveProperty(key).orElse("?");
    }
}
