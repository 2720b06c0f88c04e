package io.iotbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The issue-4 benchmark (bench/README.md): for each source and size, one {@link BenchRun}; the
 * figures are printed and written to bench/results/, never asserted. Not a test (surefire runs
 * only *Test classes); run it with {@code mvn -B -Pbench -DskipTests verify}.
 *
 * <p>Arguments (all optional): {@code --sources opcua,mqtt --sizes 500,2000,5000 --heap 512m
 * --warmup 240 --settle 15 --steady 60 --rabbitmq amqp://guest:guest@127.0.0.1:5672 --window 10s
 * --perftest true}.
 *
 * <p>With {@code --perftest true}, {@link PerfTestLimit} first measures RabbitMQ's own durable
 * rate; each run's booked readings/s are then also given as a ratio to it (issue 14's yardstick).
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(arg(args, "--repo", ".")).toAbsolutePath().normalize();
        List<String> sources = Arrays.asList(arg(args, "--sources", "opcua,mqtt").split(","));
        List<Integer> sizes = Arrays.stream(arg(args, "--sizes", "500,2000,5000").split(",")).map(Integer::valueOf).toList();
        BenchRun.Settings settings = new BenchRun.Settings(arg(args, "--heap", "512m"),
                Integer.parseInt(arg(args, "--warmup", "240")), Integer.parseInt(arg(args, "--settle", "15")),
                Integer.parseInt(arg(args, "--steady", "60")), arg(args, "--rabbitmq", "amqp://guest:guest@127.0.0.1:5672"),
                arg(args, "--window", "10s"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path workDir = Files.createTempDirectory("iot-erp-bridge-bench-");
        Path resultFile = Files.createDirectories(repo.resolve("bench/results")).resolve(stamp + ".md");
        System.out.println("bench: run files under " + workDir + "; results to " + resultFile);

        // once, before any bridge runs: no bridge or load generator shares the broker with it
        String limitLine = "RabbitMQ PerfTest: not run (--perftest false)";
        double limit = Double.NaN;
        if (Boolean.parseBoolean(arg(args, "--perftest", "true"))) {
            System.out.printf("bench: RabbitMQ PerfTest, %d s%n", PerfTestLimit.SECONDS);
            try {
                PerfTestLimit.Rate rate = PerfTestLimit.run(settings.rabbitmqUrl(), PerfTestLimit.SECONDS,
                        workDir.resolve("perftest.log"));
                limit = rate.receivedPerSecond();
                limitLine = String.format(Locale.ROOT, "RabbitMQ PerfTest (`%s`): %.0f msg/s received, %.0f sent",
                        rate.options(), rate.receivedPerSecond(), rate.sentPerSecond());
            } catch (IOException | RuntimeException e) {
                // the bridge's figures are still worth having; the ratio column stays empty
                limitLine = "RabbitMQ PerfTest failed: " + e.getMessage();
            }
            System.out.println("bench: " + limitLine);
        }

        List<BenchRun.Result> results = new ArrayList<>();
        for (String source : sources) {
            for (int size : sizes) {
                System.out.printf("bench: %s, %d sensors%n", source, size);
                BenchRun.Result result;
                try {
                    result = new BenchRun(repo, workDir.resolve(source + "-" + size), source, size, settings).run();
                } catch (Exception e) {
                    result = new BenchRun.Result(source, size, "failed", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, -1, e.toString());
                }
                results.add(result);
                System.out.println(row(result, limit));
                // written after every run, so a later run that hangs or is killed leaves the earlier figures
                Files.writeString(resultFile, table(settings, stamp, limitLine, limit, results));
            }
        }
        System.out.println(table(settings, stamp, limitLine, limit, results));
    }

    /** {@code limit}: PerfTest's msg/s received, NaN when it was not run or failed. */
    static String table(BenchRun.Settings settings, String stamp, String limitLine, double limit,
                        List<BenchRun.Result> results) {
        StringBuilder out = new StringBuilder("# bench run " + stamp + "\n\n")
                .append("heap -Xmx").append(settings.heap()).append(", meter window ").append(settings.meterWindow())
                .append(", steady window ").append(settings.steadySeconds()).append(" s\n\n")
                .append(limitLine).append("\n\n")
                .append("| source | sensors | status | first reading (s) | readings/s | documents/s | rejected/s "
                        + "| booked readings/s | ratio to PerfTest | dead-lettered "
                        + "| CPU (cores) | RSS avg (MiB) | RSS max (MiB) | heap used max (MiB) | live heap after full GC (MiB) "
                        + "| threads | ERROR log lines | note |\n")
                .append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        results.forEach(r -> out.append(row(r, limit)).append('\n'));
        return out.toString();
    }

    static String row(BenchRun.Result r, double limit) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %d | %d | %s |",
                r.source(), r.sensors(), r.status(), f(r.startSeconds(), 0), f(r.receivedPerSecond(), 0),
                f(r.deliveredPerSecond(), 1), f(r.rejectedPerSecond(), 1), f(r.bookedPerSecond(), 0),
                f(limit > 0 ? r.bookedPerSecond() / limit : Double.NaN, 3), r.deadLettered(),
                f(r.cpuCores(), 2), f(r.rssAvgMiB(), 0),
                f(r.rssMaxMiB(), 0), f(r.heapMaxMiB(), 0), f(r.liveHeapMiB(), 0), r.threads(), r.errorLines(),
                r.note().replace('|', '/').replace('\n', ' '));
    }

    private static String f(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
