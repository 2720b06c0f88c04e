package io.iotbridge.bench;

import io.iotbridge.BridgeHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The bridge as operators run it, {@code java -Xmx512m -jar target/iot-erp-bridge.jar}, in a JVM
 * of its own so its memory and CPU can be read apart from the load generator's. Pinned to one CPU
 * with taskset when there is more than one: the scale target is one core, and pinning keeps the
 * load generator off the bridge's core.
 */
final class BridgeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private BridgeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BridgeProcess start(Path repo, Path runDir, String heap, Map<String, String> env) throws IOException {
        Path jar = repo.resolve("target/iot-erp-bridge.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: run mvn -B package -DskipTests first");
        }
        List<String> command = new ArrayList<>();
        if (Runtime.getRuntime().availableProcessors() > 1) {
            command.addAll(List.of("taskset", "-c", String.valueOf(Runtime.getRuntime().availableProcessors() - 1)));
        }
        // exit on OOM instead of limping on, so an OOM shows as the run's result
        command.addAll(List.of("java", "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        if (System.getenv("BENCH_JFR") != null) {
            // a profile of the whole run (bench/README.md "Profiling"), dumped when the bridge exits
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + runDir.resolve("bridge.jfr"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = runDir.resolve("bridge.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        // the metrics need a key (Metrics sends the harness's)
        builder.environment().put("BRIDGE_API_KEYS", BridgeHarness.API_KEYS);
        return new BridgeProcess(builder.start(), log);
    }

    /** The JVM's pid: under taskset, taskset execs java, so the pid is the JVM's own. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The log's lines that explain a failure: OutOfMemoryError first, else the first ERRORs. */
    String failureHint() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> interesting = lines.filter(l -> l.contains("OutOfMemoryError") || l.contains(" ERROR ")
                    || l.contains("Exception:")).limit(200).toList();
            return interesting.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                    .orElse(interesting.isEmpty() ? "" : interesting.get(0));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    long errorLines() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** SIGTERM (Camel Main's graceful shutdown), then SIGKILL if it takes more than a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
