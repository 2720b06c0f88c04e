package io.iotbridge.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker in this JVM (HiveMQ Community Edition, embedded), so the embedded default needs
 * no Mosquitto. QoS 0-2, retained messages and persistent sessions (clean start off, session
 * expiry above 0) work as on any MQTT 5 broker; sessions and queued messages live in memory, so
 * they survive client reconnects but not a restart of the bridge.
 *
 * <p>Everything HiveMQ writes goes under {@code dataDir} (conf/, data/, extensions/). It listens on
 * the loopback interface only: embedded HiveMQ lets every client in without authentication.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    public static final String BIND_ADDRESS = "127.0.0.1";
    /**
     * Messages queued per offline or slow persistent session before HiveMQ discards new ones; its
     * default (1,000) would lose readings while the bridge is down for a few seconds.
     */
    public static final long MAX_QUEUED_MESSAGES = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final int port;
    private final Path dataDir;
    private EmbeddedHiveMQ hiveMQ;

    public EmbeddedMqttBroker(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public synchronized void start() throws Exception {
        if (hiveMQ != null) {
            return;
        }
        long t0 = System.nanoTime();
        Path conf = Files.createDirectories(dataDir.resolve("conf"));
        Path data = Files.createDirectories(dataDir.resolve("data"));
        Path extensions = Files.createDirectories(dataDir.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);

        EmbeddedHiveMQ candidate = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                // HiveMQ's logging bootstrap configures logback, which this application does not use
                .withoutLoggingBootstrap()
                .build();
        try {
            // it starts beside the other embedded services and the bridge's own start: on a busy
            // two-core machine that took over 60 s
            candidate.start().get(180, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            closeQuietly(candidate);
            throw new IllegalStateException("HiveMQ did not start on port " + port, e.getCause());
        } catch (Exception e) {
            closeQuietly(candidate);
            throw e;
        }
        hiveMQ = candidate;
        LOG.info("Embedded MQTT 5 broker on {}:{} started in {} ms", BIND_ADDRESS, port, (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@code tcp://127.0.0.1:<port>}, the form Paho and camel-paho-mqtt5 take. */
    public String brokerUrl() {
        return "tcp://" + BIND_ADDRESS + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the broker and returns once its port takes no connection (at most 5 s). HiveMQ's stop
     * goes on for about 4 s more (Netty's quiet period) and ends in the background: its persistence
     * is in memory, so waiting for it would keep nothing, and the port is all a next start needs.
     */
    @Override
    public synchronized void close() throws Exception {
        if (hiveMQ == null) {
            return;
        }
        EmbeddedHiveMQ stopping = hiveMQ;
        hiveMQ = null;
        CompletableFuture<Void> stopped = stopping.stop().whenComplete((ok, error) -> closeQuietly(stopping));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listening() && System.nanoTime() < deadline) {
            try {
                stopped.get(20, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillStopping) {
                // the port is looked at again
            } catch (ExecutionException e) {
                LOG.warn("the embedded MQTT broker did not stop cleanly: {}", e.getCause().toString());
                return;
            }
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BIND_ADDRESS, port), 100);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private String configXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                    </queued-messages>
                  </mqtt>
                  <persistence>
                    <mode>in-memory</mode>
                  </persistence>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, BIND_ADDRESS, MAX_QUEUED_MESSAGES);
    }

    private static void closeQuietly(EmbeddedHiveMQ candidate) {
        try {
            candidate.close();
        } catch (Exception | Error suppressed) {
            LOG.debug("HiveMQ did not close cleanly after a failed start", suppressed);
        }
    }
}
