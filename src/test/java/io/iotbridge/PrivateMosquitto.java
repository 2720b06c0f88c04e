package io.iotbridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Mosquitto of the test's own on a free loopback port (the `mosquitto` binary of the machine),
 * so a test can stop and start a broker without touching the machine's service. Stopping sends
 * SIGTERM, on which Mosquitto writes its persistence file; with persistence on, the next start on
 * the same port brings back sessions, subscriptions and queued QoS 1 messages, as a real broker
 * restart does.
 */
public final class PrivateMosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> config = new ArrayList<>();
    private boolean tls;
    private Process process;

    /**
     * @param dir         its configuration, log and (with {@code persistent}) its data
     * @param persistent  keep sessions and queued messages across a restart
     * @param maxQueued   QoS 1 messages it queues per absent or slow client before it drops more
     */
    public PrivateMosquitto(Path dir, boolean persistent, int maxQueued) throws IOException {
        this.dir = dir;
        this.port = FreePorts.next();
        Files.createDirectories(dir.resolve("data"));
        config.addAll(List.of(
                "listener " + port + " 127.0.0.1",
                "persistence " + persistent,
                "persistence_location " + dir.resolve("data") + "/",
                "max_queued_messages " + maxQueued,
                // started as root, Mosquitto switches to user mosquitto, which cannot write our folder
                "user " + System.getProperty("user.name")));
    }

    /** TLS only on its port, with this certificate and key (PEM); {@link #url()} becomes ssl://localhost. */
    public PrivateMosquitto tls(Path certificatePem, Path keyPem) {
        tls = true;
        config.addAll(List.of("certfile " + certificatePem, "keyfile " + keyPem));
        return this;
    }

    /** Only clients that show a certificate this CA (PEM; a self-signed certificate is its own) signed. */
    public PrivateMosquitto requireCertificate(Path caPem) {
        config.addAll(List.of("require_certificate true", "cafile " + caPem));
        return this;
    }

    /** No anonymous clients: only this user, with this password (a password file made by mosquitto_passwd). */
    public PrivateMosquitto login(String username, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("passwords");
        Files.deleteIfExists(file);
        Process passwd = new ProcessBuilder("mosquitto_passwd", "-c", "-b", file.toString(), username, password)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (passwd.waitFor() != 0) {
            throw new IllegalStateException("mosquitto_passwd exited with " + passwd.exitValue());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        config.addAll(List.of("allow_anonymous false", "password_file " + file));
        return this;
    }

    /** Every packet sent and received in its log ({@link #log()}), e.g. to count a client's unacknowledged messages. */
    public PrivateMosquitto logPackets() {
        config.add("log_type all");
        return this;
    }

    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    public String url() {
        return tls ? "ssl://localhost:" + port : "tcp://127.0.0.1:" + port;
    }

    /** Starts it and returns once it accepts connections. */
    public synchronized PrivateMosquitto start() throws IOException {
        List<String> lines = new ArrayList<>(config);
        if (lines.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", lines) + "\n");
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        Awaitility.await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see "
                                + dir.resolve("mosquitto.log"));
                    }
                    return listening();
                });
        return this;
    }

    /** SIGTERM (it saves its persistence), and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
