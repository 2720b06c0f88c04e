package io.iotbridge.faults;

import io.iotbridge.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A RabbitMQ node of the test's own, so a test can stop and start a broker without touching the
 * machine's service: its own node name, AMQP and distribution ports, data, logs and config in a
 * temporary folder, no plugins. It shares epmd and the caller's Erlang cookie (~/.erlang.cookie),
 * which is how rabbitmqctl reaches it. Stopping keeps the data: the next start recovers its
 * durable queues and persistent messages, as a real broker restart does.
 */
public final class PrivateRabbitMq implements AutoCloseable {

    /** Debian's scripts without the /usr/sbin wrapper, which would switch to the service's user. */
    private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");

    private final String node = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    private final int port = FreePorts.next();
    private final int distPort = FreePorts.next();
    private final Path dir;
    private Process server;

    public PrivateRabbitMq() throws IOException {
        dir = Files.createTempDirectory("faults-rabbitmq");
        Files.writeString(dir.resolve("enabled_plugins"), "");
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        // the machine's /etc/rabbitmq/rabbitmq.conf would put this node on the service's 5672
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n");
    }

    public static boolean available() {
        return Files.isExecutable(BIN.resolve("rabbitmq-server"));
    }

    public String url() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /**
     * Adds a TLS listener on a free loopback port with the given PEM certificate (also its own CA)
     * and PKCS#8 key; answers the port. Call before {@link #start()}.
     */
    public int tls(Path certificatePem, Path keyPem) throws IOException {
        int tlsPort = FreePorts.next();
        Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.ssl.local = 127.0.0.1:" + tlsPort,
                "ssl_options.cacertfile = " + certificatePem,
                "ssl_options.certfile = " + certificatePem,
                "ssl_options.keyfile = " + keyPem,
                "ssl_options.verify = verify_none",
                "ssl_options.fail_if_no_peer_cert = false", ""), java.nio.file.StandardOpenOption.APPEND);
        return tlsPort;
    }

    /**
     * The node's only user instead of guest/guest (created at its first start); answers the URL
     * that logs in as it. Call before {@link #start()}.
     */
    public String user(String name, String password) throws IOException {
        Files.writeString(dir.resolve("rabbitmq.conf"), "default_user = " + name + "\ndefault_pass = " + password + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return "amqp://" + name + ":" + password + "@127.0.0.1:" + port;
    }

    /** Starts the node and returns once it accepts AMQP connections. */
    public synchronized PrivateRabbitMq start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()));
        builder.environment().putAll(environment());
        server = builder.start();
        Awaitility.await(node + " accepting AMQP on " + port).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!server.isAlive()) {
                        throw new IllegalStateException(node + " exited: see " + dir.resolve("server.out"));
                    }
                    return listening();
                });
        return this;
    }

    /** Stops the node as an operator does ({@code rabbitmqctl stop}) and waits until it is gone. */
    synchronized void stop() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        ProcessBuilder ctl = new ProcessBuilder(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node, "stop"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.out").toFile()));
        ctl.environment().putAll(environment());
        Process p = ctl.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !server.waitFor(60, TimeUnit.SECONDS)) {
            // the node must not outlive the test; it is ours alone
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl could not stop " + node + ": see " + dir.resolve("ctl.out"));
        }
        server = null;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, String> environment() {
        return Map.of(
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_NODE_PORT", String.valueOf(port),
                "RABBITMQ_DIST_PORT", String.valueOf(distPort),
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString(),
                // the machine's rabbitmq-env.conf names the service's node
                "RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
