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
 * The benchmark of issue 14 (bench/README.md), in one go: RabbitMQ PerfTest as the broker's own
 * limit; then for each source, size, meter window and mode one {@link BenchRun}; then one
 * {@link SlowErpRun}. The figures are printed and written to bench/results/ after every run, never
 * asserted. Not a test (surefire runs only *Test classes); run it with
 * {@code mvn -B -Pbench -DskipTests verify}.
 *
 * <p>Arguments (all optional): {@code --sources opcua,mqtt --sizes 1000,5000,10000 --windows 10s,60s
 * --modes fixed,full --heap 512m --warmup 240 --settle 15 --steady 60 --drain 300
 * --rabbitmq amqp://guest:guest@127.0.0.1:5672 --perftest true --slow-minutes 10 --slow-size 0}
 * ({@code --sources none} runs only the slowed-ERP run, {@code --slow-minutes 0} leaves it out; {@code --slow-size 0} takes the first size).
 *
 * <p>Full speed applies to MQTT only: an OPC UA item changes once a second on the server, so
 * OPC UA runs at its fixed rate in either mode and is run once.
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(arg(args, "--repo", ".")).toAbsolutePath().normalize();
        // "none": only the slowed-ERP run
        List<String> sources = list(args, "--sources", "opcua,mqtt").stream().filter(s -> !s.equals("none")).toList();
        List<Integer> sizes = list(args, "--sizes", "1000,5000,10000").stream().map(Integer::valueOf).toList();
        List<String> windows = list(args, "--windows", "10s,60s");
        windows.forEach(BridgeUnderLoad::window); // a bad one stops the bench before anything runs
        List<String> modes = list(args, "--modes", "fixed,full");
        for (String mode : modes) {
            if (!mode.equals("fixed") && !mode.equals("full")) {
                throw new IllegalArgumentException("bench mode must be fixed or full: " + mode);
            }
        }
        int slowMinutes = Integer.parseInt(arg(args, "--slow-minutes", "10"));
        int slowSize = Integer.parseInt(arg(args, "--slow-size", "0"));
        slowSize = slowSize > 0 ? slowSize : sizes.get(0);
        BenchRun.Settings settings = new BenchRun.Settings(arg(args, "--heap", "512m"),
                Integer.parseInt(arg(args, "--warmup", "240")), Integer.parseInt(arg(args, "--settle", "15")),
                Integer.parseInt(arg(args, "--steady", "60")), Integer.parseInt(arg(args, "--drain", "300")),
                arg(args, "--rabbitmq", "amqp://guest:guest@127.0.0.1:5672"));
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

        ResultTables tables = new ResultTables(settings, stamp, limitLine, limit);
        for (String source : sources) {
            for (int size : sizes) {
                for (String window : windows) {
                    for (String mode : source.equals("opcua") ? modes.subList(0, 1) : modes) {
                        String name = source + "-" + size + "-" + window + "-" + mode;
                        System.out.printf("bench: %s, %d sensors, %s windows, %s%n", source, size, window, mode);
                        BenchRun.Result result;
                        try {
                            result = new BenchRun(repo, workDir.resolve(name), source, size, window,
                                    source.equals("opcua") ? "fixed" : mode, settings).run();
                        } catch (Exception e) {
                            result = BenchRun.Result.failed(source, size, window, mode, "failed", e.toString());
                        }
                        tables.add(result);
                        // written after every run, so a later run that hangs or is killed leaves the earlier figures
                        Files.writeString(resultFile, tables.markdown());
                    }
                }
            }
        }
        if (slowMinutes > 0) {
            String window = windows.get(0);
            System.out.printf("bench: slowed ERP, %d MQTT sensors, %s windows, %d min%n", slowSize, window, slowMinutes);
            SlowErpRun.Result slow;
            try {
                slow = new SlowErpRun(repo, workDir.resolve("slow-erp"), slowSize, window, slowMinutes, settings).run();
            } catch (Exception e) {
                slow = new SlowErpRun.Result(slowSize, window, "failed", Double.NaN, slowMinutes, Double.NaN, -1,
                        Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, e.toString());
            }
            tables.add(slow);
            Files.writeString(resultFile, tables.markdown());
        }
        System.out.println(tables.markdown());
    }

    private static List<String> list(String[] args, String name, String fallback) {
        return Arrays.stream(arg(args, name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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
