package io.iotbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One measured run: N sensors of one source (opcua or mqtt), meter windows of one length, at a
 * fixed rate (each sensor once a second) or at full speed (MQTT devices as fast as Mosquitto takes
 * them). The bridge runs in its own JVM; a warm-up until it keeps up (or a time bound), a settle,
 * then a steady window sampled every {@link #SAMPLE_SECONDS} s; then the load stops and what is
 * still on its way is left to drain, so the readings can be accounted by id: lost, doubled,
 * dead-lettered.
 */
final class BenchRun {

    static final int SAMPLE_SECONDS = 5;
    /**
     * The drain ends early once nothing more is booked for this long beyond the last windows'
     * silence (two windows and the grace).
     */
    static final int STALL_SECONDS = 30;

    /**
     * What one run measured; NaN (or -1 for counts) where it could not be measured.
     *
     * @param offeredPerSecond  what the MQTT devices published (acknowledged by Mosquitto) over the
     *                          steady window; for OPC UA, the number of items (each changes once a second)
     * @param bookedPerSecond   distinct readings carried by meter documents the ERP accepted in the steady window
     * @param lost              readings published (MQTT) or taken in (OPC UA) and never booked, after the drain
     * @param windowCloseP99    ms from a meter window's close (end + grace) to the ERP's acceptance, p99
     * @param alertP99          ms from an alert's first reading to the ERP's acceptance of its Service Call, p99
     */
    record Result(String source, int sensors, String window, String mode, String status, double startSeconds,
                  double offeredPerSecond, double receivedPerSecond, double deliveredPerSecond, double bookedPerSecond,
                  long lost, long doubled, long deadLettered, long droppedByBroker, double windowCloseP99,
                  double alertP99, double cpuCores, double rssMaxMiB, double heapMaxMiB, double liveHeapMiB,
                  long threads, long errorLines, String note) {

        static Result failed(String source, int sensors, String window, String mode, String status, String note) {
            return new Result(source, sensors, window, mode, status, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, -1, -1, -1, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    -1, -1, note);
        }
    }

    /** Run-wide settings, from LoadBench's arguments. */
    record Settings(String heap, int warmupMaxSeconds, int settleSeconds, int steadySeconds, int drainMaxSeconds,
                    String rabbitmqUrl) {
    }

    private final Path repo;
    private final Path runDir;
    private final String source;
    private final int sensors;
    private final String window;
    private final boolean fullSpeed;
    private final Settings settings;

    BenchRun(Path repo, Path runDir, String source, int sensors, String window, String mode, Settings settings) {
        this.repo = repo;
        this.runDir = runDir;
        this.source = source;
        this.sensors = sensors;
        this.window = window;
        this.fullSpeed = mode.equals("full");
        this.settings = settings;
    }

    private String mode() {
        return fullSpeed ? "full" : "fixed";
    }

    Result run() throws Exception {
        // the load's bound: warm-up, settle and steady window, with a minute's margin for the start
        Duration atMost = Duration.ofSeconds(settings.warmupMaxSeconds() + settings.settleSeconds()
                + settings.steadySeconds() + 60L);
        try (BridgeUnderLoad run = new BridgeUnderLoad(repo, runDir, source, sensors, window, fullSpeed, atMost, settings)) {
            return measure(run);
        }
    }

    private Result measure(BridgeUnderLoad run) throws Exception {
        BridgeProcess bridge = run.bridge;
        ProcessProbe probe = new ProcessProbe(bridge.pid());
        Warmup warmup = Warmup.await(run, probe, sensors, fullSpeed, settings.warmupMaxSeconds());
        if (!bridge.isAlive()) {
            return died(run, warmup.startSeconds());
        }
        Thread.sleep(settings.settleSeconds() * 1000L); // JIT and meter windows settle
        if (!bridge.isAlive()) {
            return died(run, warmup.startSeconds());
        }

        Metrics.Counts first = run.metrics.scrape();
        long published0 = run.mqtt == null ? 0 : run.mqtt.published();
        long booked0 = run.booked.booked();
        double cpu0 = probe.cpuSeconds();
        run.booked.startMeasuring();
        long steady0 = System.nanoTime();
        long steadyFromMillis = System.currentTimeMillis();
        double rssMax = 0;
        double heapMax = 0;
        long threads = 0;
        while (seconds(steady0) < settings.steadySeconds()) {
            Thread.sleep(SAMPLE_SECONDS * 1000L);
            if (!bridge.isAlive()) {
                return died(run, warmup.startSeconds());
            }
            rssMax = Math.max(rssMax, probe.rssMiB());
            heapMax = Math.max(heapMax, probe.heapUsedMiB());
            threads = Math.max(threads, probe.threads());
        }
        double elapsed = seconds(steady0);
        long steadyToMillis = System.currentTimeMillis();
        Metrics.Counts last = run.metrics.scrape();
        run.booked.stopMeasuring();
        long booked1 = run.booked.booked();
        double cpuCores = (probe.cpuSeconds() - cpu0) / elapsed;
        double offered = run.mqtt == null ? sensors : (run.mqtt.published() - published0) / elapsed;
        probe.threadDump(runDir.resolve("threads.txt"));
        double liveHeap = probe.heapAfterFullGcMiB();
        String note = warmup.note();
        if (first == null || last == null) {
            note = join(note, "metrics endpoint did not answer");
        }
        double received = first == null || last == null ? Double.NaN : (last.received() - first.received()) / elapsed;
        double delivered = first == null || last == null ? Double.NaN : (last.delivered() - first.delivered()) / elapsed;
        Latencies windowClose = run.booked.windowClose();
        Latencies alerts = run.booked.alertLatency();
        note = join(note, String.format(Locale.ROOT, "%d window closes, %d alerts measured", windowClose.count(),
                alerts.count()));
        if (run.mqtt != null && run.mqtt.failed() > 0) {
            // a publish that timed out may still have reached Mosquitto: its seq is used again, so it may count as doubled
            note = join(note, run.mqtt.failed() + " publishes failed");
        }

        Drain drain = Drain.await(run, BridgeUnderLoad.window(window), settings.drainMaxSeconds());
        // booked: the readings made in the steady window that the ERP accepted by the drain's end.
        // What the ERP accepted within the steady window depends on how many window closes fall
        // into it (each closes every sensor's window at once): kept as a note only
        long fromSecond = (steadyFromMillis + 999) / 1000;
        long toSecond = steadyToMillis / 1000;
        double booked = run.booked.bookedMadeBetween(fromSecond, toSecond) / (double) (toSecond - fromSecond);
        note = join(note, String.format(Locale.ROOT, "%.0f readings/s accepted within the steady window",
                (booked1 - booked0) / elapsed));
        if (drain.lost() < 0) {
            note = join(note, "booked readings/s is a lower bound (drain unfinished)");
        }
        note = join(note, drain.note());
        return new Result(source, sensors, window, mode(), "ran", warmup.startSeconds(), offered, received, delivered,
                booked, drain.lost(), run.booked.doubled(), run.deadLettered(),
                drain.droppedByBroker(), windowClose.percentile(99), alerts.percentile(99), cpuCores, rssMax, heapMax,
                liveHeap, threads, bridge.errorLines(), note);
    }

    private Result died(BridgeUnderLoad run, double startSeconds) {
        String hint = run.bridge.failureHint();
        return new Result(source, sensors, window, mode(), "exited " + run.bridge.exitValue(), startSeconds, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, -1, run.booked.doubled(), run.deadLettered(), -1, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, run.bridge.errorLines(),
                hint.length() > 300 ? hint.substring(0, 300) : hint);
    }

    static String join(String note, String more) {
        return note.isEmpty() ? more : more.isEmpty() ? note : note + "; " + more;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
