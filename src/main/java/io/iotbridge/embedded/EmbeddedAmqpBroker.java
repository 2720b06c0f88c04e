package io.iotbridge.embedded;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J), so the embedded default needs no
 * RabbitMQ. It listens on the loopback interface only. Everything is in memory (queues, messages,
 * even persistent ones, are gone after a restart); {@code workDir} only receives the generated
 * initial configuration.
 *
 * <p>Clients connect as {@code amqp://guest:guest@localhost:<port>}: the virtual host "/" that the
 * RabbitMQ client asks for by default is served by the broker's default virtual host.
 *
 * <p>Qpid is not RabbitMQ. RabbitMQ-only queue arguments ({@code x-queue-type},
 * {@code x-dead-letter-exchange}, {@code x-dead-letter-routing-key}, {@code x-delivery-limit}) are
 * accepted but ignored (logged as a warning); dead-lettering needs Qpid's own arguments
 * ({@link #QPID_ALTERNATE_EXCHANGE} and {@link #QPID_MAX_DELIVERY_COUNT}). Without them a
 * {@code basic.reject(requeue=false)} puts the message back on the queue.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    public static final String USER = "guest";
    public static final String PASSWORD = "guest";
    /** Qpid's own name of the virtual host; clients reach it as "/" (or by this name). */
    public static final String VIRTUAL_HOST = "default";
    /** Qpid queue argument: where messages go once delivered too often (Qpid's dead-letter exchange). */
    public static final String QPID_ALTERNATE_EXCHANGE = "alternateExchange";
    /** Qpid queue argument: deliveries before dead-lettering; 1 dead-letters on the first reject. */
    public static final String QPID_MAX_DELIVERY_COUNT = "x-qpid-maximum-delivery-count";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

    private final int port;
    private final Path workDir;
    private SystemLauncher launcher;

    public EmbeddedAmqpBroker(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    public synchronized void start() throws Exception {
        if (launcher != null) {
            return;
        }
        long t0 = System.nanoTime();
        Files.createDirectories(workDir);
        Path initialConfig = workDir.resolve("qpid-initial-config.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(initialConfig.toFile(), brokerConfig());

        AtomicReference<RuntimeException> startupError = new AtomicReference<>();
        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        SystemLauncher candidate = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void errorOnStartup(RuntimeException e) {
                startupError.set(e);
            }

            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }
        });

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ConfiguredObject.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        // no preferences.json: the broker has no management UI here
        attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        attributes.put(ConfiguredObject.CONTEXT, Map.of(
                "qpid.work_dir", workDir.toAbsolutePath().toString(),
                // accept (and log) RabbitMQ-only queue arguments such as x-queue-type=quorum, so the bridge can
                // declare one topology for both brokers; Qpid's default closes the connection (542)
                "queue.behaviourOnUnknownDeclareArgument", "LOG"));
        candidate.startup(attributes);

        // SystemLauncher logs start-up failures and returns normally; surface them instead
        if (startupError.get() != null) {
            throw new IllegalStateException("Qpid Broker-J did not start", startupError.get());
        }
        Port<?> amqp = amqpPort(systemConfig.get());
        if (amqp == null || amqp.getState() != State.ACTIVE) {
            candidate.shutdown();
            throw new IllegalStateException("AMQP port " + port + " is not active (in use?): "
                    + (amqp == null ? "missing" : amqp.getState()));
        }
        keepUntilClosed((Broker<?>) systemConfig.get().getContainer(Broker.class));
        launcher = candidate;
        LOG.info("Embedded AMQP 0-9-1 broker on port {} started in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@code amqp://guest:guest@localhost:<port>}, the RabbitMQ-style URI of this broker. */
    public String amqpUri() {
        return "amqp://" + USER + ":" + PASSWORD + "@localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }

    /**
     * Qpid registers a JVM shutdown hook that stops the broker at once on SIGTERM, while the bridge's
     * routes still publish and consume: the readings in flight then fail, are retried against a dead
     * broker until Camel's shutdown timeout, and log ERRORs. Without the hook the broker stops in
     * {@link #close()}, after the routes (EmbeddedServices stops it once the context has stopped).
     */
    private static void keepUntilClosed(Broker<?> broker) {
        try {
            Class<?> type = broker.getClass();
            while (type != null && Arrays.stream(type.getDeclaredFields()).noneMatch(f -> f.getName().equals("_shutdownHook"))) {
                type = type.getSuperclass();
            }
            if (type == null) {
                throw new NoSuchFieldException("_shutdownHook");
            }
            Field hook = type.getDeclaredField("_shutdownHook");
            hook.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Qpid's shutdown hook stays ({}): the broker may stop before the routes on SIGTERM", e.toString());
        }
    }

    private static Port<?> amqpPort(SystemConfig<?> config) {
        if (config == null) {
            return null;
        }
        Broker<?> broker = (Broker<?>) config.getContainer(Broker.class);
        return broker.getPorts().stream().filter(p -> "AMQP".equals(p.getName())).findFirst().orElse(null);
    }

    /** The broker's initial configuration: one user, one AMQP port, one in-memory virtual host. */
    private Map<String, Object> brokerConfig() {
        Map<String, Object> user = Map.of("name", USER, "type", "managed", "password", PASSWORD);
        Map<String, Object> auth = Map.of(
                "name", "plain",
                "type", "Plain",
                // the RabbitMQ client only speaks SASL PLAIN; Qpid offers PLAIN over TLS only unless told otherwise
                "secureOnlyMechanisms", List.of(),
                "users", List.of(user));
        Map<String, Object> amqpPort = Map.of(
                "name", "AMQP",
                "port", port,
                // guest/guest is for this machine only
                "bindingAddress", "127.0.0.1",
                "authenticationProvider", "plain",
                "protocols", List.of("AMQP_0_9_1"),
                // "/" (sent by RabbitMQ clients) maps to the default virtual host; its name works as well
                "virtualhostaliases", List.of(
                        Map.of("name", "defaultAlias", "type", "defaultAlias"),
                        Map.of("name", "nameAlias", "type", "nameAlias")));
        Map<String, Object> node = Map.of(
                "name", VIRTUAL_HOST,
                "type", "Memory",
                "defaultVirtualHostNode", "true",
                "virtualHostInitialConfiguration", "{\"type\": \"Memory\"}");
        return Map.of(
                "name", "iot-erp-bridge",
                "modelVersion", "9.1",
                "authenticationproviders", List.of(auth),
                "ports", List.of(amqpPort),
                "virtualhostnodes", List.of(node));
    }
}
