package io.iotbridge.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto for one run, on a free loopback port with persistence off: the bridge's
 * persistent MQTT sessions (clean start off, one hour expiry) then end with the run instead of
 * piling up in the machine's shared broker, and the broker's own cost stays outside the bridge.
 */
final class Mosquitto implements AutoCloseable {

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Mosquitto start(Path runDir, int port) throws IOException, InterruptedException {
        Path conf = runDir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                // one queued QoS 1 message per sensor is enough; the default 1000 could hold a lot of memory
                "max_queued_messages 100",
                ""));
        Process process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("mosquitto.log").toFile())
                .start();
        Mosquitto mosquitto = new Mosquitto(process, port);
        for (int attempt = 0; attempt < 50; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + runDir.resolve("mosquitto.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return mosquitto;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        mosquitto.close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 5 s");
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
