package io.iotbridge.embedded;

import io.iotbridge.sandbox.ErpSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Deque;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what the embedded default runs in-process, before the routes start, and stops it after
 * they stopped: the AMQP and MQTT brokers, the OPC UA line simulator and the simulated MQTT
 * device ({@code bridge.embedded}), and every ERP module's sandbox ({@code bridge.sandbox.enabled}).
 */
public final class EmbeddedServices extends MainListenerSupport {

    /** The registry name of the embedded OPC UA line simulator. */
    public static final String LINE_SIMULATOR = "lineSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent props = context.getPropertiesComponent();
        try {
            if (flag(props, "bridge.embedded")) {
                Path dataDir = Path.of(value(props, "bridge.embedded.data-dir"));
                start(new EmbeddedAmqpBroker(port(props, "bridge.embedded.amqp.port"), dataDir.resolve("amqp")),
                        EmbeddedAmqpBroker::start);
                EmbeddedMqttBroker mqtt = start(new EmbeddedMqttBroker(port(props, "bridge.embedded.mqtt.port"),
                        dataDir.resolve("mqtt")), EmbeddedMqttBroker::start);
                LineSimulator line = start(new LineSimulator(port(props, "bridge.embedded.opcua.port")), LineSimulator::start);
                // bound so tests and operators can drive a node (e.g. push a temperature over an alert threshold)
                context.getRegistry().bind(LINE_SIMULATOR, line);
                Duration period = Duration.ofMillis(TimeUtils.toMilliSeconds(value(props, "bridge.embedded.device.period")));
                start(new SimulatedMqttDevice(mqtt.brokerUrl(), "simulated-cnc03", period), SimulatedMqttDevice::start);
            }
            if (flag(props, "bridge.sandbox.enabled")) {
                // each ERP module binds its sandbox; sorted so the start order does not vary
                List<ErpSandbox> sandboxes = new ArrayList<>(context.getRegistry().findByType(ErpSandbox.class));
                sandboxes.sort(Comparator.comparing(ErpSandbox::erp));
                for (ErpSandbox sandbox : sandboxes) {
                    start(sandbox, ErpSandbox::start);
                }
            }
        } catch (Exception e) {
            afterStop(main);
            throw new IllegalStateException("starting the embedded services failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        while (!running.isEmpty()) {
            AutoCloseable service = running.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private <T extends AutoCloseable> T start(T service, Starter<T> starter) throws Exception {
        starter.start(service);
        running.push(service);
        return service;
    }

    @FunctionalInterface
    private interface Starter<T> {
        void start(T service) throws Exception;
    }

    private static boolean flag(PropertiesComponent props, String key) {
        return Boolean.parseBoolean(value(props, key));
    }

    private static int port(PropertiesComponent props, String key) {
        return Integer.parseInt(value(props, key));
    }

    private static String value(PropertiesComponent props, String key) {
        return props.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("property " + key + " is not set"));
    }
}
