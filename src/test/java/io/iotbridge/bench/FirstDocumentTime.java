package io.iotbridge.bench;

import io.iotbridge.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How long after {@code java -jar target/iot-erp-bridge.jar} the embedded default's first ERP
 * document is accepted (README, "Quick start"): the jar run as an operator runs it, from the project
 * folder, on a fresh data directory (its first start: the API key, the OPC UA certificate and the
 * historian's database are made) and then once more on the same directory (a restart). The time
 * is taken when {@code iotbridge_erp_documents_delivered_total} first shows a document, polled
 * every 100 ms; the milestones in between come from the log. Only the ports are moved (to free
 * ones) and the data directory, so runs on a shared machine do not collide. Figures are printed,
 * never asserted. Not a test.
 *
 * <p>Arguments: {@code [runs, default 5] [jar, default target/iot-erp-bridge.jar] [jfr output dir]};
 * another jar (a copy of an earlier build with its lib/) compares two builds in the same hour of a
 * shared machine. With a JFR directory each bridge records a Flight Recording
 * ({@code settings=profile}) into it, written when the bridge stops. Run with the test classpath
 * from the project folder after {@code mvn -B package -DskipTests}.
 */
public final class FirstDocumentTime {

    private static final Pattern KEY = Pattern.compile("^\\s+(admin\\.\\S+)\\s*$");
    private static final Pattern DELIVERED = Pattern.compile(
            "^iotbridge_erp_documents_delivered_total\\{[^}]*erp=\"([^\"]+)\"[^}]*kind=\"([^\"]+)\"[^}]*} (\\S+)$");
    /** Log lines whose time tells where the seconds went, by a name for the report. */
    private static final Map<String, String> MILESTONES = new LinkedHashMap<>();

    static {
        MILESTONES.put("log", "Apache Camel (Main)");
        MILESTONES.put("amqp", "Embedded AMQP 0-9-1 broker");
        MILESTONES.put("hivemq", "Embedded MQTT 5 broker");
        MILESTONES.put("line", "OPC UA line simulator at");
        MILESTONES.put("context", ") started in ");
        MILESTONES.put("routes", "Routes startup");
        MILESTONES.put("mqtt", "BrokerConnection - MQTT broker");
        MILESTONES.put("opcua", "session active");
    }

    private FirstDocumentTime() {
    }

    /** One start: the seconds from the process's start to each milestone and to the first document. */
    record Start(double firstDocument, String firstKind, Map<String, Double> milestones, String load) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path repo = Path.of("").toAbsolutePath();
        Path jar = repo.resolve(args.length > 1 ? args[1] : "target/iot-erp-bridge.jar");
        Path jfr = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : null;
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: run mvn -B package -DskipTests first");
        }
        System.out.println("jar " + jar + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        List<Start> fresh = new ArrayList<>();
        List<Start> restart = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path dataDir = Files.createTempDirectory("iot-erp-bridge-first-document-");
            Start first = start(repo, jar, dataDir, null, jfr == null ? null : jfr.resolve("fresh-" + run + ".jfr"));
            report("fresh  ", run, first);
            fresh.add(first);
            Start again = start(repo, jar, dataDir, keyOf(dataDir), jfr == null ? null : jfr.resolve("restart-" + run + ".jfr"));
            report("restart", run, again);
            restart.add(again);
        }
        summary("fresh data directory", fresh);
        summary("restart (same data directory)", restart);
        System.exit(0);
    }

    private static Start start(Path repo, Path jar, Path dataDir, String knownKey, Path jfr) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = dataDir.resolve("bridge-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("BRIDGE_EMBEDDED_DATA_DIR", dataDir.resolve("embedded").toString());
        env.put("BRIDGE_STATE_DIR", dataDir.resolve("state").toString());
        int management = FreePorts.next();
        env.put("BRIDGE_MANAGEMENT_PORT", String.valueOf(management));
        for (String port : List.of("BRIDGE_HTTP_PORT", "BRIDGE_SANDBOX_PORT", "BRIDGE_SANDBOX_SAP_B1_PORT",
                "BRIDGE_SANDBOX_INFOR_PORT", "BRIDGE_SANDBOX_DYNAMICS365_PORT", "BRIDGE_EMBEDDED_AMQP_PORT",
                "BRIDGE_EMBEDDED_MQTT_PORT", "BRIDGE_EMBEDDED_OPCUA_PORT", "BRIDGE_EMBEDDED_POSTGRES_PORT")) {
            env.put(port, String.valueOf(FreePorts.next()));
        }
        String load = loadAverage();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI metrics = URI.create("http://127.0.0.1:" + management + "/observe/metrics");
            String key = knownKey;
            String kind = null;
            while (kind == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the bridge exited with " + process.exitValue() + "; its log: " + log);
                }
                if (seconds(t0) > 600) {
                    throw new IllegalStateException("no ERP document within 600 s; the log: " + log);
                }
                TimeUnit.MILLISECONDS.sleep(100);
                if (key == null) {
                    key = firstKey(log);
                } else {
                    kind = firstDelivered(http, metrics, key);
                }
            }
            double firstDocument = seconds(t0);
            return new Start(firstDocument, kind, milestones(log, startedAt), load + " → " + loadAverage());
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The key a first start prints once, or null until it is in the log. */
    private static String firstKey(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(KEY::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** The key of the fresh start, for the restart: kept in the log of the fresh start. */
    private static String keyOf(Path dataDir) throws IOException {
        try (Stream<Path> logs = Files.list(dataDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("bridge-")).toList()) {
                String key = firstKey(log);
                if (key != null) {
                    return key;
                }
            }
        }
        throw new IllegalStateException("the fresh start printed no API key in " + dataDir);
    }

    /** {@code <erp>/<kind>} of the first series above 0, or null (none yet, or no answer yet). */
    private static String firstDelivered(HttpClient http, URI metrics, String key) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            for (String line : response.body().split("\n")) {
                Matcher m = DELIVERED.matcher(line);
                if (m.matches() && Double.parseDouble(m.group(3)) > 0) {
                    return m.group(1) + "/" + m.group(2);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Seconds from the process's start to the first log line holding each milestone's text. */
    private static Map<String, Double> milestones(Path log, Instant startedAt) throws IOException {
        LocalTime start = LocalTime.ofInstant(startedAt, ZoneId.systemDefault());
        Map<String, Double> found = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(log);
        for (Map.Entry<String, String> m : MILESTONES.entrySet()) {
            lines.stream().filter(l -> l.contains(m.getValue()) && l.length() > 12).findFirst().ifPresent(l -> {
                LocalTime at = LocalTime.parse(l.substring(0, 12));
                found.put(m.getKey(), Duration.between(start, at).toMillis() / 1000.0);
            });
        }
        return found;
    }

    private static void report(String what, int run, Start s) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s run %d: first document %.1f s (%s);",
                what, run, s.firstDocument(), s.firstKind()));
        s.milestones().forEach((name, at) -> line.append(String.format(Locale.ROOT, " %s %.1f", name, at)));
        System.out.println(line + "; load " + s.load());
    }

    private static void summary(String what, List<Start> starts) {
        double[] times = starts.stream().mapToDouble(Start::firstDocument).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d runs, first document min %.1f s, median %.1f s, max %.1f s%n",
                what, times.length, times[0], times[times.length / 2], times[times.length - 1]);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
