package io.iotbridge.bench;

import io.iotbridge.FreePorts;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.erp.sapb1.DefaultDiServerLogin;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * One measured run: N sensors of one source (opcua or mqtt), each one catalogue entry (one route),
 * the bridge in its own JVM, a warm-up until readings arrive at the offered rate (or a time limit),
 * then a steady window sampled every {@link #SAMPLE_SECONDS} s.
 */
final class BenchRun {

    static final int SAMPLE_SECONDS = 5;

    /** What one run measured; NaN where it could not be measured (e.g. the bridge died). */
    record Result(String source, int sensors, String status, double startSeconds, double receivedPerSecond,
                  double deliveredPerSecond, double rejectedPerSecond, double bookedPerSecond, long deadLettered,
                  double cpuCores, double rssAvgMiB,
                  double rssMaxMiB, double heapMaxMiB, double liveHeapMiB, long threads, long errorLines,
                  String note) {
    }

    private final Path repo;
    private final Path runDir;
    private final String source;
    private final int sensors;
    private final Settings settings;

    /** Run-wide settings, from LoadBench's arguments. */
    record Settings(String heap, int warmupMaxSeconds, int settleSeconds, int steadySeconds, String rabbitmqUrl,
                    String meterWindow) {
    }

    BenchRun(Path repo, Path runDir, String source, int sensors, Settings settings) {
        this.repo = repo;
        this.runDir = runDir;
        this.source = source;
        this.sensors = sensors;
        this.settings = settings;
    }

    /** The readings the MQTT devices published so far; null for OPC UA, whose server changes every value each second. */
    private LongSupplier published;

    Result run() throws Exception {
        Files.createDirectories(runDir);
        purgeErpQueues();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Map<String, String> env = baseEnv(runId);
            // the ERP is another machine in a plant: its sandbox runs here, not in the bridge's JVM,
            // so the bridge's CPU and heap are the bridge's own
            String erpUrl = "http://127.0.0.1:" + FreePorts.next() + "/sap-b1/DIServer";
            SapB1Sandbox erp = new SapB1Sandbox(erpUrl, new SandboxRecorder(), DefaultDiServerLogin.of());
            erp.start();
            started.add(erp);
            env.put("BRIDGE_ERP_SAP_B1_URL", erpUrl);
            env.put("BRIDGE_ERP_SAP_B1_TRANSPORT", "di-server");
            if (source.equals("opcua")) {
                LineSimulator line = LineSimulator.withGeneratedNodes(FreePorts.next(), sensors);
                line.start();
                started.add(line);
                env.put("BRIDGE_OPCUA_LINE1_URL", line.endpointUrl());
                env.put("BRIDGE_MQTT_URL", "tcp://127.0.0.1:1"); // no MQTT route in this run
            } else {
                // persistence off, a small queue: the bridge's sessions end with the run, and one
                // queued QoS 1 message per sensor is enough
                PrivateMosquitto mosquitto = new PrivateMosquitto(runDir.resolve("mosquitto"), false, 100).start();
                started.add(mosquitto);
                MqttLoad load = new MqttLoad(mosquitto.url(), runId, sensors);
                started.add(load);
                published = load::published;
                env.put("BRIDGE_MQTT_URL", mosquitto.url());
            }
            Path routes = Catalogue.write(repo, runDir, source, sensors);
            // the include pattern and the Kamelet location both follow bridge.routes.dir
            env.put("BRIDGE_ROUTES_DIR", routes.toString());
            int managementPort = Integer.parseInt(env.get("BRIDGE_MANAGEMENT_PORT"));
            try (BridgeProcess bridge = BridgeProcess.start(repo, runDir, settings.heap(), env)) {
                return measure(bridge, new Metrics(managementPort));
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("stopping " + started.get(i).getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    /**
     * Empties the ERP queues of the bench's broker: what an earlier run left unbooked (its ERP side
     * slower than its readings) would otherwise be this run's load too.
     */
    private void purgeErpQueues() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(settings.rabbitmqUrl()));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : List.of("erp.sap-b1", "erp.dynamics365", "erp.infor", "erp.sap-b1.dlq")) {
                if (admin.getQueueInfo(queue) != null) {
                    admin.purgeQueue(queue, false);
                }
            }
        } finally {
            connections.destroy();
        }
    }

    /** Readings in erp.sap-b1.dlq at the end of the run (the queues are purged before it). */
    private long deadLettered() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(settings.rabbitmqUrl()));
        try {
            var info = new RabbitAdmin(connections).getQueueInfo("erp.sap-b1.dlq");
            return info == null ? 0 : info.getMessageCount();
        } finally {
            connections.destroy();
        }
    }

    private Map<String, String> baseEnv(String runId) {
        Map<String, String> env = new LinkedHashMap<>();
        // external AMQP broker and no embedded services: the bridge JVM holds only the bridge (and
        // the idle sandboxes of the ERPs the catalogue does not feed)
        env.put("BRIDGE_EMBEDDED", "false");
        env.put("BRIDGE_SANDBOX_ENABLED", "true");
        env.put("BRIDGE_RABBITMQ_URL", settings.rabbitmqUrl());
        // a fresh MQTT session per run, as ExternalBrokersTest does
        env.put("BRIDGE_MQTT_CLIENT_ID", "bench-" + runId);
        env.put("BRIDGE_METER_WINDOW", settings.meterWindow());
        // the grace of the recorded runs (the dev profile's is 1 s, for the demo's first documents)
        env.put("BRIDGE_METER_GRACE", "2s");
        // the module's default prefetch: a reading is acknowledged once its window's state is durable
        env.put("BRIDGE_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_INFOR_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_DYNAMICS365_PORT", String.valueOf(FreePorts.next()));
        return env;
    }

    private Result measure(BridgeProcess bridge, Metrics metrics) throws Exception {
        long t0 = System.nanoTime();
        ProcessProbe probe = new ProcessProbe(bridge.pid());
        double startSeconds = Double.NaN;
        Metrics.Counts previous = null;
        long previousAt = 0;
        int fullRateSamples = 0;
        // warm-up: until two samples in a row see >= 95 % of the offered rate, or the time limit
        while (seconds(t0) < settings.warmupMaxSeconds() && fullRateSamples < 2) {
            Thread.sleep(SAMPLE_SECONDS * 1000L);
            if (!bridge.isAlive()) {
                return died(bridge, startSeconds);
            }
            Metrics.Counts now = metrics.scrape();
            long at = System.nanoTime();
            if (now != null && now.received() > 0 && Double.isNaN(startSeconds)) {
                startSeconds = seconds(t0);
            }
            if (now != null && previous != null) {
                double rate = (now.received() - previous.received()) / ((at - previousAt) / 1e9);
                fullRateSamples = rate >= 0.95 * sensors ? fullRateSamples + 1 : 0;
                System.out.printf("  warm-up %4.0f s: %.0f readings/s (offered %d/s), RSS %.0f MiB%n",
                        seconds(t0), rate, sensors, probe.rssMiB());
            }
            previous = now;
            previousAt = at;
        }
        String note = fullRateSamples >= 2 ? "" : "never reached 95 % of the offered rate in "
                + settings.warmupMaxSeconds() + " s of warm-up";
        Thread.sleep(settings.settleSeconds() * 1000L); // JIT and meter windows settle
        if (!bridge.isAlive()) {
            return died(bridge, startSeconds);
        }

        Metrics.Counts first = metrics.scrape();
        long published0 = published == null ? 0 : published.getAsLong();
        double cpu0 = probe.cpuSeconds();
        long steady0 = System.nanoTime();
        double rssSum = 0;
        double rssMax = 0;
        double heapMax = 0;
        long threads = 0;
        int samples = 0;
        while (seconds(steady0) < settings.steadySeconds()) {
            Thread.sleep(SAMPLE_SECONDS * 1000L);
            if (!bridge.isAlive()) {
                return died(bridge, startSeconds);
            }
            double rss = probe.rssMiB();
            rssSum += rss;
            rssMax = Math.max(rssMax, rss);
            heapMax = Math.max(heapMax, probe.heapUsedMiB());
            threads = Math.max(threads, probe.threads());
            samples++;
        }
        Metrics.Counts last = metrics.scrape();
        double elapsed = seconds(steady0);
        double cpuCores = (probe.cpuSeconds() - cpu0) / elapsed;
        if (published != null) {
            // what the load generator really sent: it shares its core with the brokers and the ERP sandbox
            note = (note.isEmpty() ? "" : note + "; ") + String.format(Locale.ROOT,
                    "devices published %.0f/s", (published.getAsLong() - published0) / elapsed);
        }
        probe.threadDump(runDir.resolve("threads.txt"));
        double liveHeap = probe.heapAfterFullGcMiB();
        if (first == null || last == null) {
            note = (note.isEmpty() ? "" : note + "; ") + "metrics endpoint did not answer";
        }
        double received = first == null || last == null ? Double.NaN : (last.received() - first.received()) / elapsed;
        double delivered = first == null || last == null ? Double.NaN : (last.delivered() - first.delivered()) / elapsed;
        double rejected = first == null || last == null ? Double.NaN : (last.rejected() - first.rejected()) / elapsed;
        double booked = first == null || last == null ? Double.NaN : (last.booked() - first.booked()) / elapsed;
        return new Result(source, sensors, "ran", startSeconds, received, delivered, rejected, booked, deadLettered(), cpuCores,
                rssSum / samples, rssMax, heapMax, liveHeap, threads, bridge.errorLines(), note);
    }

    private Result died(BridgeProcess bridge, double startSeconds) {
        String hint = bridge.failureHint();
        return new Result(source, sensors, "exited " + bridge.exitValue(), startSeconds, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, deadLettered(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, bridge.errorLines(),
                hint.length() > 300 ? hint.substring(0, 300) : hint);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
