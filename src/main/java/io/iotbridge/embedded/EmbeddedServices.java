package io.iotbridge.embedded;

import io.iotbridge.sandbox.ErpSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * simulated MQTT device ({@code bridge.embedded}; the MQTT broker and its device only with
 * {@code bridge.embedded.mqtt.enabled}), and every ERP module's sandbox
 * ({@code bridge.sandbox.enabled}).
 */
public final class EmbeddedServices extends MainListenerSupport {

    /** The registry name of the embedded OPC UA line simulator. */
    public static final String LINE_SIMULATOR = "lineSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();
    private final List<Future<?>> starting = new ArrayList<>();
    private ExecutorService starters;
    private Future<LineSimulator> line;

    /**
     * The brokers and the line need only their properties (the profile's included, known from here
     * on): they start now, on threads of their own, while Camel makes the beans and loads the routes
     * on the main thread, and take as long as the slowest of them instead of the sum.
     */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent props = main.getCamelContext().getPropertiesComponent();
        if (!flag(props, "bridge.embedded")) {
            return;
        }
        Path dataDir = Path.of(value(props, "bridge.embedded.data-dir"));
        int amqpPort = port(props, "bridge.embedded.amqp.port");
        int mqttPort = port(props, "bridge.embedded.mqtt.port");
        int opcuaPort = port(props, "bridge.embedded.opcua.port");
        Duration period = Duration.ofMillis(TimeUtils.toMilliSeconds(value(props, "bridge.embedded.device.period")));
        submit(() -> start(new EmbeddedAmqpBroker(amqpPort, dataDir.resolve("amqp")), EmbeddedAmqpBroker::start));
        // off where every MQTT entry reads a broker of the plant: HiveMQ alone takes seconds to stop
        if (flag(props, "bridge.embedded.mqtt.enabled")) {
            submit(() -> {
                EmbeddedMqttBroker mqtt = start(new EmbeddedMqttBroker(mqttPort, dataDir.resolve("mqtt")),
                        EmbeddedMqttBroker::start);
                SimulatedMqttDevice device = new SimulatedMqttDevice(mqtt.brokerUrl(), "simulated-cnc03", period);
                device.start();
                // one unit from here on: the device stops before its broker, beside the other services
                running.remove(mqtt);
                running.push(new DeviceThenBroker(device, mqtt));
                return device;
            });
        }
        line = submit(() -> start(new LineSimulator(opcuaPort), LineSimulator::start));
    }

    /** The sandboxes (bound by the modules' configurations, so only now) side by side; then waits for all. */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        try {
            if (flag(context.getPropertiesComponent(), "bridge.sandbox.enabled")) {
                for (ErpSandbox sandbox : context.getRegistry().findByType(ErpSandbox.class)) {
                    submit(() -> start(sandbox, ErpSandbox::start));
                }
            }
            awaitAll();
            if (line != null) {
                // bound so tests and operators can drive a node (e.g. push a temperature over an alert threshold)
                context.getRegistry().bind(LINE_SIMULATOR, line.get());
            }
        } catch (Exception e) {
            afterStop(main);
            throw new IllegalStateException("starting the embedded services failed: " + e.getMessage(), e);
        }
    }

    private synchronized <T> Future<T> submit(Callable<T> task) {
        if (starters == null) {
            starters = Executors.newFixedThreadPool(4, r -> new Thread(r, "embedded-start"));
        }
        Future<T> future = starters.submit(task);
        starting.add(future);
        return future;
    }

    /** Waits for every start, also after one failed (so each started service is in {@link #running} to stop). */
    private void awaitAll() throws Exception {
        List<Future<?>> all;
        synchronized (this) {
            all = List.copyOf(starting);
            starting.clear();
            if (starters != null) {
                starters.shutdown();
                starters = null;
            }
        }
        Exception first = null;
        for (Future<?> f : all) {
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

    /**
     * Stops what started, side by side (HiveMQ alone takes seconds, the others need nothing of each
     * other); also after a failed start (then once the starts in progress end).
     */
    @Override
    public void afterStop(BaseMainSupport main) {
        try {
            awaitAll();
        } catch (Exception e) {
            LOG.debug("an embedded service failed to start", e);
        }
        List<AutoCloseable> services = new ArrayList<>();
        for (AutoCloseable s = running.poll(); s != null; s = running.poll()) {
            services.add(s);
        }
        if (services.isEmpty()) {
            return;
        }
        ExecutorService stoppers = Executors.newFixedThreadPool(services.size(), EmbeddedServices::stopThread);
        services.forEach(service -> stoppers.execute(() -> stop(service)));
        stoppers.shutdown();
        try {
            if (!stoppers.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("the embedded services did not all stop within {} s", STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A daemon: a service that hangs in its stop must not keep the JVM from ending. */
    private static Thread stopThread(Runnable r) {
        Thread t = new Thread(r, "embedded-stop");
        t.setDaemon(true);
        return t;
    }

    private static void stop(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.getMessage());
        }
    }

    private <T extends AutoCloseable> T start(T service, Starter<T> starter) throws Exception {
        starter.start(service);
        running.push(service);
        return service;
    }

    /** The simulated MQTT device and its broker: the device stops first, so it never sees its broker go. */
    private record DeviceThenBroker(SimulatedMqttDevice device, EmbeddedMqttBroker broker) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                device.close();
            } finally {
                broker.close();
            }
        }
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
