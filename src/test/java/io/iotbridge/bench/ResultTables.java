package io.iotbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's result file: a header (settings, PerfTest's rate), the runs' table, the slowed-ERP table. */
final class ResultTables {

    private final BenchRun.Settings settings;
    private final String stamp;
    private final String limitLine;
    /** PerfTest's msg/s received, NaN when it was not run or failed. */
    private final double limit;
    private final List<BenchRun.Result> runs = new ArrayList<>();
    private final List<SlowErpRun.Result> slowRuns = new ArrayList<>();

    ResultTables(BenchRun.Settings settings, String stamp, String limitLine, double limit) {
        this.settings = settings;
        this.stamp = stamp;
        this.limitLine = limitLine;
        this.limit = limit;
    }

    void add(BenchRun.Result result) {
        runs.add(result);
        System.out.println(row(result));
    }

    void add(SlowErpRun.Result result) {
        slowRuns.add(result);
        System.out.println(row(result));
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# bench run " + stamp + "\n\n")
                .append("heap -Xmx").append(settings.heap()).append(", warm-up at most ").append(settings.warmupMaxSeconds())
                .append(" s, settle ").append(settings.settleSeconds()).append(" s, steady window ")
                .append(settings.steadySeconds()).append(" s, drain at most ").append(settings.drainMaxSeconds())
                .append(" s\n\n").append(limitLine).append("\n\n")
                .append("| source | sensors | window | mode | status | first reading (s) | offered/s | readings/s taken in "
                        + "| documents/s | booked readings/s | ratio to PerfTest | lost | doubled | dead-lettered "
                        + "| dropped by Mosquitto | window close → ERP p99 (ms) | alert → ERP p99 (ms) | CPU (cores) "
                        + "| RSS max (MiB) | heap used max (MiB) | live heap after full GC (MiB) | threads "
                        + "| ERROR log lines | note |\n")
                .append("|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
                        + "|---:|---:|---:|---:|---|\n");
        runs.forEach(r -> out.append(row(r)).append('\n'));
        if (!slowRuns.isEmpty()) {
            out.append("\n## Slowed ERP\n\n")
                    .append("| sensors | window | status | ERP answers/s while slow | slow for (min) | booked readings/s while slow "
                            + "| dead-lettered | heap used max (MiB) | live heap after full GC (MiB) | backlog drained in (s) "
                            + "| lost | doubled | ERROR log lines | note |\n")
                    .append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            slowRuns.forEach(r -> out.append(row(r)).append('\n'));
        }
        return out.toString();
    }

    private String row(BenchRun.Result r) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
                        + "| %s | %s | %s | %s | %s | %s | %s | %s |",
                r.source(), r.sensors(), r.window(), r.mode(), r.status(), f(r.startSeconds(), 0),
                f(r.offeredPerSecond(), 0), f(r.receivedPerSecond(), 0), f(r.deliveredPerSecond(), 1),
                f(r.bookedPerSecond(), 0), f(limit > 0 ? r.bookedPerSecond() / limit : Double.NaN, 3), n(r.lost()),
                n(r.doubled()), n(r.deadLettered()), n(r.droppedByBroker()), f(r.windowCloseP99(), 0), f(r.alertP99(), 0),
                f(r.cpuCores(), 2), f(r.rssMaxMiB(), 0), f(r.heapMaxMiB(), 0), f(r.liveHeapMiB(), 0), n(r.threads()),
                n(r.errorLines()), clean(r.note()));
    }

    private static String row(SlowErpRun.Result r) {
        return String.format(Locale.ROOT, "| %d | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                r.sensors(), r.window(), r.status(), f(r.answersPerSecond(), 1), r.slowMinutes(), f(r.bookedPerSecond(), 0),
                n(r.deadLettered()), f(r.heapMaxMiB(), 0), f(r.liveHeapMiB(), 0), f(r.drainSeconds(), 0), n(r.lost()),
                n(r.doubled()), n(r.errorLines()), clean(r.note()));
    }

    private static String clean(String note) {
        return note.replace('|', '/').replace('\n', ' ');
    }

    private static String n(long value) {
        return value < 0 ? "–" : String.valueOf(value);
    }

    private static String f(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
