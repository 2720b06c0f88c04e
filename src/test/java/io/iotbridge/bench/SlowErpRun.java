package io.iotbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The slowed-ERP run (issue 14, "Fast"): N MQTT sensors at a fixed rate; once the bridge keeps
 * up, the SAP B1 sandbox answers at a tenth of the documents a second the load needs (one meter
 * document per sensor and window) for {@code slowMinutes}, then at full speed again. Measured:
 * what was dead-lettered (must be 0), the heap throughout, and how long the backlog took to drain
 * (until every reading published before the ERP was sped up again is booked, at most twice the slow
 * time).
 */
final class SlowErpRun {

    /**
     * @param answersPerSecond  the sandbox's answers a second while slow
     * @param bookedPerSecond   distinct readings booked a second while slow
     * @param drainSeconds      from the ERP's return to full speed until the backlog is booked; NaN if not within the bound
     */
    record Result(int sensors, String window, String status, double answersPerSecond, int slowMinutes,
                  double bookedPerSecond, long deadLettered, double heapMaxMiB, double liveHeapMiB,
                  double drainSeconds, long lost, long doubled, long errorLines, String note) {
    }

    private final Path repo;
    private final Path runDir;
    private final int sensors;
    private final String window;
    private final int slowMinutes;
    private final BenchRun.Settings settings;

    SlowErpRun(Path repo, Path runDir, int sensors, String window, int slowMinutes, BenchRun.Settings settings) {
        this.repo = repo;
        this.runDir = runDir;
        this.sensors = sensors;
        this.window = window;
        this.slowMinutes = slowMinutes;
        this.settings = settings;
    }

    /** The backlog is given twice as long as it took to build, at least the drain bound. */
    private int backlogBoundSeconds() {
        return Math.max(settings.drainMaxSeconds(), 2 * slowMinutes * 60);
    }

    Result run() throws Exception {
        Duration atMost = Duration.ofSeconds(settings.warmupMaxSeconds() + slowMinutes * 60L + backlogBoundSeconds() + 60L);
        try (BridgeUnderLoad run = new BridgeUnderLoad(repo, runDir, "mqtt", sensors, window, false, atMost, settings)) {
            return measure(run);
        }
    }

    private Result measure(BridgeUnderLoad run) throws Exception {
        ProcessProbe probe = new ProcessProbe(run.bridge.pid());
        Warmup warmup = Warmup.await(run, probe, sensors, false, settings.warmupMaxSeconds());
        double needed = sensors / (double) BridgeUnderLoad.window(window).toSeconds();
        double slow = needed / 10;
        System.out.printf("  slowed ERP: %.1f answers/s (the load needs %.1f documents/s) for %d min%n", slow, needed,
                slowMinutes);
        run.erp.answerAtMost(slow);
        double heapMax = 0;
        long booked0 = run.booked.booked();
        long slow0 = System.nanoTime();
        while (BenchRun.seconds(slow0) < slowMinutes * 60 && run.bridge.isAlive()) {
            Thread.sleep(BenchRun.SAMPLE_SECONDS * 1000L);
            heapMax = Math.max(heapMax, probe.heapUsedMiB());
            System.out.printf("  slow %4.0f s: %d booked, %d documents, heap %.0f MiB%n", BenchRun.seconds(slow0),
                    run.booked.booked(), run.booked.documents(), probe.heapUsedMiB());
        }
        double slowBooked = (run.booked.booked() - booked0) / BenchRun.seconds(slow0);

        // full speed again: the backlog is what was published until now
        run.erp.answerAtMost(0);
        Map<String, Long> backlog = run.mqtt.lastSeqs();
        long fast0 = System.nanoTime();
        double drainSeconds = Double.NaN;
        while (BenchRun.seconds(fast0) < backlogBoundSeconds() && run.bridge.isAlive()) {
            if (run.booked.allBookedUpTo(backlog)) {
                drainSeconds = BenchRun.seconds(fast0);
                break;
            }
            Thread.sleep(BenchRun.SAMPLE_SECONDS * 1000L);
            heapMax = Math.max(heapMax, probe.heapUsedMiB());
            System.out.printf("  draining %4.0f s: %d booked, heap %.0f MiB%n", BenchRun.seconds(fast0),
                    run.booked.booked(), probe.heapUsedMiB());
        }
        if (!run.bridge.isAlive()) {
            return new Result(sensors, window, "exited " + run.bridge.exitValue(), slow, slowMinutes, slowBooked,
                    run.deadLettered(), heapMax, Double.NaN, drainSeconds, -1, run.booked.doubled(),
                    run.bridge.errorLines(), run.bridge.failureHint());
        }
        double liveHeap = probe.heapAfterFullGcMiB();
        Drain drain = Drain.await(run, BridgeUnderLoad.window(window), settings.drainMaxSeconds());
        String note = BenchRun.join(warmup.note(), Double.isNaN(drainSeconds)
                ? String.format(Locale.ROOT, "backlog not drained in %d s", backlogBoundSeconds()) : "");
        if (drain.droppedByBroker() > 0) {
            // readings the bridge never saw: the backlog cannot drain with them
            note = BenchRun.join(note, "Mosquitto dropped " + drain.droppedByBroker());
        }
        return new Result(sensors, window, "ran", slow, slowMinutes, slowBooked, run.deadLettered(), heapMax, liveHeap,
                drainSeconds, drain.lost(), run.booked.doubled(), run.bridge.errorLines(), BenchRun.join(note, drain.note()));
    }
}
