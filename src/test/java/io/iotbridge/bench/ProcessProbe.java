package io.iotbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one JVM process costs, read from outside: /proc for RSS, threads and CPU time; jcmd/jstat for the heap. */
final class ProcessProbe {

    /** USER_HZ: /proc/&lt;pid&gt;/stat counts CPU time in these (100 on Linux x86_64, read via getconf). */
    private static final long TICKS_PER_SECOND = ticksPerSecond();
    /**
     * One line per heap space in GC.heap_info: "garbage-first heap total ..K, used ..K" under G1, "def new
     * generation" and "tenured generation" under Serial, which the JVM picks when it sees one CPU.
     */
    private static final Pattern HEAP_USED = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final long pid;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    /** Resident set size in MiB (VmRSS). */
    double rssMiB() throws IOException {
        return statusField("VmRSS:") / 1024.0;
    }

    long threads() throws IOException {
        return statusField("Threads:");
    }

    /** User plus system CPU time since the process started, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name (field 2) may hold spaces; fields after its closing ')' are space separated
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[11]); // field 14 of stat
        long stime = Long.parseLong(fields[12]); // field 15
        return (utime + stime) / (double) TICKS_PER_SECOND;
    }

    /** Heap in use now (survivors + eden + old, from jstat -gc), in MiB; includes garbage not yet collected. */
    double heapUsedMiB() throws IOException, InterruptedException {
        List<String> lines = run("jstat", "-gc", String.valueOf(pid)).lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return Double.NaN;
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double kib = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            kib += Double.parseDouble(values[header.indexOf(column)]);
        }
        return kib / 1024;
    }

    /** Forces a full GC (jcmd GC.run) and returns the heap still used after it: the live set, in MiB. */
    double heapAfterFullGcMiB() throws IOException, InterruptedException {
        run("jcmd", String.valueOf(pid), "GC.run");
        Matcher matcher = HEAP_USED.matcher(run("jcmd", String.valueOf(pid), "GC.heap_info"));
        long kib = -1;
        while (matcher.find()) {
            kib = Math.max(kib, 0) + Long.parseLong(matcher.group(1));
        }
        return kib < 0 ? Double.NaN : kib / 1024.0;
    }

    /** A thread dump (jcmd Thread.print) into a file, to see afterwards where the time went. */
    void threadDump(Path file) throws IOException, InterruptedException {
        Files.writeString(file, run("jcmd", String.valueOf(pid), "Thread.print"));
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(name + " not in /proc/" + pid + "/status");
    }

    /** Runs a JDK tool with a time bound; its output, or "" if it failed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "";
        }
        return new String(out);
    }

    private static long ticksPerSecond() {
        try {
            return Long.parseLong(run("getconf", "CLK_TCK").trim());
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
