package io.iotbridge.bench;

/**
 * Until the bridge keeps up: at a fixed rate, two samples in a row that see at least 95 % of the
 * offered readings/s; at full speed, two samples in a row within 10 % of the one before (the
 * bridge's intake has levelled off); either way with the first documents booked. Bounded by the
 * warm-up limit.
 *
 * @param startSeconds when the first reading came in, from the bridge's start
 * @param note         empty, or why the warm-up ended without the bridge keeping up
 */
record Warmup(double startSeconds, String note) {

    static Warmup await(BridgeUnderLoad run, ProcessProbe probe, int sensors, boolean fullSpeed, int maxSeconds)
            throws Exception {
        long t0 = System.nanoTime();
        double startSeconds = Double.NaN;
        Metrics.Counts previous = null;
        long previousAt = 0;
        double previousRate = 0;
        int steadySamples = 0;
        while (BenchRun.seconds(t0) < maxSeconds && steadySamples < 2) {
            Thread.sleep(BenchRun.SAMPLE_SECONDS * 1000L);
            if (!run.bridge.isAlive()) {
                return new Warmup(startSeconds, "");
            }
            Metrics.Counts now = run.metrics.scrape();
            long at = System.nanoTime();
            if (now != null && now.received() > 0 && Double.isNaN(startSeconds)) {
                startSeconds = BenchRun.seconds(t0);
            }
            if (now != null && previous != null) {
                double rate = (now.received() - previous.received()) / ((at - previousAt) / 1e9);
                // and the first documents booked: before a window closes nothing can be, and a
                // steady window measured then books 0 however well the bridge takes readings in
                boolean steady = run.booked.booked() > 0 && (fullSpeed
                        ? rate > 0 && Math.abs(rate - previousRate) <= 0.1 * previousRate
                        : rate >= 0.95 * sensors);
                steadySamples = steady ? steadySamples + 1 : 0;
                previousRate = rate;
                System.out.printf("  warm-up %4.0f s: %.0f readings/s (%s), booked so far %d, RSS %.0f MiB%n",
                        BenchRun.seconds(t0), rate, fullSpeed ? "full speed" : "offered " + sensors + "/s",
                        run.booked.booked(), probe.rssMiB());
            }
            previous = now;
            previousAt = at;
        }
        String why = run.booked.booked() == 0 ? "no document booked"
                : fullSpeed ? "intake did not level off" : "never reached 95 % of the offered rate";
        return new Warmup(startSeconds, steadySamples >= 2 ? "" : why + " in " + maxSeconds + " s of warm-up");
    }
}
