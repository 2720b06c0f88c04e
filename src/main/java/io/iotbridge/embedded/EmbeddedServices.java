package io.iotbridge.embedded;

import io.iotbridge.sandbox.ErpSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what the embedded default runs in-process, side by side, before the routes start, and
 * stops it after they stopped: the AMQP and MQTT brokers, the OPC UA line simulator and the
 * simulated MQTT device ({@code bridge.embedded}), and every ERP module's sandbox
 * ({@code bridge.sandbox.enabled}).
 */
public final class EmbeddedServices extends MainListenerSupport {

    /** The registry name of the embedded OPC UA line simulator. */
    public static final String LINE_SIMULATOR = "lineSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent props = context.getPropertiesComponent();
        // the brokers, the line and the sandboxes need nothing of each other: started side by side,
        // they take as long as the slowest instead of the sum (seconds of the embedded default's start)
        ExecutorService starters = Executors.newFixedThreadPool(4, r -> new Thread(r, "embedded-start"));
        try {
            List<Future<?>> starting = new ArrayList<>();
            Future<LineSimulator> line = null;
            if (flag(props, "bridge.embedded")) {
                Path dataDir = Path.of(value(props, "bridge.embedded.data-dir"));
                int amqpPort = port(props, "bridge.embedded.amqp.port");
                int mqttPort = port(props, "bridge.embedded.mqtt.port");
                int opcuaPort = port(props, "bridge.embedded.opcua.port");
                Duration period = Duration.ofMillis(TimeUtils.toMilliSeconds(value(props, "bridge.embedded.device.period")));
                starting.add(starters.submit(() -> start(new EmbeddedAmqpBroker(amqpPort, dataDir.resolve("amqp")),
                        EmbeddedAmqpBroker::start)));
                starting.add(starters.submit(() -> {
                    EmbeddedMqttBroker mqtt = start(new EmbeddedMqttBroker(mqttPort, dataDir.resolve("mqtt")),
                            EmbeddedMqttBroker::start);
                    return start(new SimulatedMqttDevice(mqtt.brokerUrl(), "simulated-cnc03", period),
                            SimulatedMqttDevice::start);
                }));
                line = starters.submit(() -> start(new LineSimulator(opcuaPort), LineSimulator::start));
                starting.add(line);
            }
            if (flag(props, "bridge.sandbox.enabled")) {
                for (ErpSandbox sandbox : context.getRegistry().findByType(ErpSandbox.class)) {
                    starting.add(starters.submit(() -> start(sandbox, ErpSandbox::start)));
                }
            }
            awaitAll(starting);
            if (line != null) {
                // bound so tests and operators can drive a node (e.g. push a temperature over an alert threshold)
                context.getRegistry().bind(LINE_SIMULATOR, line.get());
            }
        } catch (Exception e) {
            afterStop(main);
            throw new IllegalStateException("starting the embedded services failed: " + e.getMessage(), e);
        } finally {
            starters.shutdownNow();
        }
    }

    /** Waits for every start, also after one failed (so each started service is in {@link #running} to stop). */
    private static void awaitAll(List<Future<?>> starting) throws Exception {
        Exception first = null;
        for (Future<?> f : starting) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                if (first == null) {
                    first = cause;
                } else {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
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
        // stopped in the reverse order: the MQTT device before its broker
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
