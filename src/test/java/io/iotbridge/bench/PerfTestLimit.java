package io.iotbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * RabbitMQ's own limit on this machine (issue 14, "Benchmark"): RabbitMQ PerfTest with the
 * durability the bridge uses (persistent messages, publisher confirms, manual acks, a quorum
 * queue), readings-sized messages, one producer and one consumer. The bridge's booked readings/s
 * are reported as a ratio to this rate, measured in the same run, because absolute figures drift
 * from day to day on a shared machine while the ratio holds.
 *
 * <p>PerfTest runs in a JVM of its own (this JVM's java and class path: the bench profile puts
 * {@code com.rabbitmq:perf-test} on the test class path), so its threads and heap are not the load
 * generator's. It inherits this JVM's CPU affinity: under {@code mvn -Pbench} that is
 * {@code bench.load-cpus}, the load generator's CPU, not the bridge's.
 *
 * <p>Alone: {@code java -cp <bench test class path> io.iotbridge.bench.PerfTestLimit [amqp-url] [seconds]}.
 */
final class PerfTestLimit {

    /** Long enough for the quorum queue's rate to settle after the first seconds' ramp-up. */
    static final int SECONDS = 30;

    /** What one PerfTest run gave: the average rates of its summary, and the command, for the record. */
    record Rate(double sentPerSecond, double receivedPerSecond, String options) {
    }

    private static final Pattern SENT = Pattern.compile("sending rate avg: ([0-9.]+) msg/s");
    private static final Pattern RECEIVED = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s");

    private PerfTestLimit() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "amqp://guest:guest@127.0.0.1:5672";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : SECONDS;
        Rate rate = run(url, seconds, Files.createTempFile("perftest-", ".log"));
        System.out.printf("PerfTest: %.0f msg/s received (%.0f sent); %s%n", rate.receivedPerSecond(),
                rate.sentPerSecond(), rate.options());
    }

    /** Runs PerfTest for {@code seconds} against {@code rabbitmqUrl}, its output to {@code log}. */
    static Rate run(String rabbitmqUrl, int seconds, Path log) throws IOException, InterruptedException {
        // a queue of its own: nothing else's messages in it, and deleting it touches nothing else
        String queue = "perf-" + UUID.randomUUID();
        List<String> options = List.of("--time", String.valueOf(seconds), "--producers", "1", "--consumers", "1",
                // the bridge's durability: persistent messages into a quorum queue, at most 1,000
                // publishes unconfirmed, manual acks (PerfTest acks each message unless --autoack)
                // with a prefetch of 1,000
                "--flag", "persistent", "--confirm", "1000", "--qos", "1000", "--quorum-queue",
                "--queue", queue, "--size", "200"); // about one reading's JSON
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the bench profile brings logback with PerfTest, which configures it at start-up and
                // needs it as SLF4J's provider; this JVM's own stays log4j2 (set in pom.xml)
                "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest", "--uri", rabbitmqUrl));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // PerfTest stops itself after --time; the margin covers JVM start, connecting and closing
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                throw new IOException("PerfTest did not end within " + (seconds + 60) + " s; output in " + log);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            deleteQueue(rabbitmqUrl, queue);
        }
        String output = Files.readString(log);
        Matcher sent = SENT.matcher(output);
        Matcher received = RECEIVED.matcher(output);
        if (process.exitValue() != 0 || !sent.find() || !received.find()) {
            throw new IOException("PerfTest exited " + process.exitValue() + " without its summary; output in " + log);
        }
        return new Rate(Double.parseDouble(sent.group(1)), Double.parseDouble(received.group(1)),
                String.join(" ", options).replace(queue, "perf-<uuid>"));
    }

    /** A quorum queue is never auto-deleted: what PerfTest left unconsumed would stay on the broker. */
    private static void deleteQueue(String rabbitmqUrl, String queue) {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(rabbitmqUrl));
        try {
            new RabbitAdmin(connections).deleteQueue(queue);
        } catch (RuntimeException e) {
            System.err.println("PerfTest's queue " + queue + " was not deleted: " + e);
        } finally {
            connections.destroy();
        }
    }
}
