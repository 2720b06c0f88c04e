package io.iotbridge.bench;

import io.iotbridge.BridgeMain;
import io.iotbridge.FreePorts;
import io.iotbridge.embedded.LineSimulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * A cheap, in-process look at where one catalogue entry's cost goes (bench/README.md, "Where the
 * cost goes"): the bridge in this JVM with N generated OPC UA entries against a generated line,
 * timing the boot and the start of the last route, the live heap after a full GC, the reading
 * rate over a steady window, and a JFR recording each of the boot and of the steady window.
 * Figures are printed, never asserted. Not a test.
 *
 * <p>Arguments: {@code <sensors> <rabbitmq url> <output dir> [steady seconds, default 60]
 * [key=value overrides...]}; run it with the test classpath, e.g. under {@code taskset -c 1}.
 */
public final class BootProfile {

    private BootProfile() {
    }

    public static void main(String[] args) throws Exception {
        int sensors = Integer.parseInt(args[0]);
        String rabbitmq = args[1];
        Path out = Files.createDirectories(Path.of(args[2]));
        int steady = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Path repo = Path.of("").toAbsolutePath();

        try (LineSimulator line = LineSimulator.withGeneratedNodes(FreePorts.next(), sensors)) {
            line.start();
            Path routes = Catalogue.write(repo, Files.createTempDirectory("iot-erp-bridge-profile-"), "opcua", sensors, 0);
            int managementPort = FreePorts.next();
            Main main = BridgeMain.create();
            main.addOverrideProperty("bridge.embedded", "false");
            main.addOverrideProperty("bridge.sandbox.enabled", "true");
            main.addOverrideProperty("bridge.rabbitmq.url", rabbitmq);
            main.addOverrideProperty("bridge.routes.dir", routes.toString());
            main.addOverrideProperty("bridge.opcua.line1.url", line.endpointUrl());
            main.addOverrideProperty("bridge.mqtt.url", "tcp://127.0.0.1:1");
            main.addOverrideProperty("bridge.meter.window", "10s");
            main.addOverrideProperty("bridge.state-dir", Files.createTempDirectory("iot-erp-bridge-state-").toString());
            main.addOverrideProperty("bridge.management.port", String.valueOf(managementPort));
            for (String key : new String[] {"bridge.http.port", "bridge.sandbox.port", "bridge.sandbox.infor.port",
                    "bridge.sandbox.dynamics365.port", "bridge.sandbox.sap-b1.port"}) {
                main.addOverrideProperty(key, String.valueOf(FreePorts.next()));
            }
            for (int i = 4; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                main.addOverrideProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            CountDownLatch started = new CountDownLatch(1);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport m) {
                    started.countDown();
                }
            });

            Recording boot = recording();
            long t0 = System.nanoTime();
            Thread runner = new Thread(() -> {
                try {
                    main.run();
                } catch (Exception e) {
                    e.printStackTrace();
                    started.countDown();
                }
            }, "bridge-under-profile");
            runner.start();
            if (!started.await(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the bridge did not start in 15 minutes");
            }
            double contextUp = seconds(t0);
            CamelContext context = main.getCamelContext();
            // the supervising route controller starts routes after the context: wait for all of them
            while (seconds(t0) < 900 && startedRoutes(context) < context.getRoutes().size()) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            double routesUp = seconds(t0);
            boot.dump(out.resolve("boot.jfr"));
            boot.close();
            double heapAfterBoot = liveHeapMiB();

            Metrics metrics = new Metrics(managementPort);
            TimeUnit.SECONDS.sleep(15); // first readings, JIT
            Recording steadyRecording = recording();
            Metrics.Counts first = metrics.scrape();
            long cpu0 = cpuNanos();
            long s0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(steady);
            Metrics.Counts last = metrics.scrape();
            double elapsed = seconds(s0);
            double cores = (cpuNanos() - cpu0) / 1e9 / elapsed;
            steadyRecording.dump(out.resolve("steady.jfr"));
            steadyRecording.close();
            double heapSteady = liveHeapMiB();

            System.out.printf(Locale.ROOT, "profile: %d sensors, %d routes; context up %.1f s, all routes started %.1f s; "
                            + "live heap after boot %.0f MiB, after steady %.0f MiB; readings/s %.0f, documents/s %.1f, "
                            + "CPU %.2f cores (whole JVM, simulator included)%n",
                    sensors, context.getRoutes().size(), contextUp, routesUp, heapAfterBoot, heapSteady,
                    (last.received() - first.received()) / elapsed, (last.delivered() - first.delivered()) / elapsed, cores);
            main.completed();
            runner.join(60_000);
        }
        System.exit(0);
    }

    private static Recording recording() throws Exception {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private static long startedRoutes(CamelContext context) {
        return context.getRoutes().stream()
                .filter(r -> context.getRouteController().getRouteStatus(r.getRouteId()) == ServiceStatus.Started).count();
    }

    private static double liveHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
