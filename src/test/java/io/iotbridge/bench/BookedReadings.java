package io.iotbridge.bench;

import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the SAP B1 sandbox accepted, accounted by reading id (issue 14, "Benchmark"): each reading
 * a meter document carries is booked once or doubled; the sandbox's acceptance time gives the
 * latencies. Takes the place of the sandbox's recorder in the load generator's JVM and keeps no
 * document, only one bit per reading: a {@code <sensorId>:<ts>:<seq>} id is marked by its seq
 * (MQTT devices number their readings from 1) or, with seq 0 (OPC UA), by its time in 10 ms steps
 * from the run's start.
 */
final class BookedReadings extends SandboxRecorder {

    private static final Pattern WINDOW_END = Pattern.compile("<U_WindowEnd>([^<]+)</U_WindowEnd>");

    private final long originMillis = System.currentTimeMillis();
    private final Duration grace;
    private final Map<String, BitSet> bySensor = new HashMap<>();
    /** Readings booked, by the second of their own timestamp. */
    private final Map<Long, Long> bySecond = new HashMap<>();
    private long booked;
    private long doubled;
    private long documents;
    private long alerts;
    private boolean measuring;
    private final Latencies windowClose = new Latencies();
    private final Latencies alertLatency = new Latencies();

    /** One line per accepted document, or null: what the timeline cannot say (which windows, how full). */
    private Writer documentLog;

    /** @param grace the bridge's meter grace: a window closes at its end plus this */
    BookedReadings(Duration grace) {
        this.grace = grace;
    }

    /**
     * From now on, one line per accepted document into {@code file}: the time the ERP accepted it,
     * its kind and key, how many readings it carries and how many of them were new, the first and
     * the last reading's time.
     */
    synchronized void logDocuments(Path file) throws IOException {
        documentLog = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        documentLog.write("accepted kind key readings new first_ts last_ts\n");
    }

    /** Closes the document log, if any. */
    synchronized void close() throws IOException {
        if (documentLog != null) {
            documentLog.close();
            documentLog = null;
        }
    }

    @Override
    public synchronized void record(SandboxRecord record) {
        long accepted = record.receivedAt().toEpochMilli();
        long bookedBefore = booked;
        switch (record.kind()) {
            case "meter" -> {
                documents++;
                for (String id : record.readingIds()) {
                    mark(id);
                }
                Matcher end = WINDOW_END.matcher(record.body() == null ? "" : record.body());
                if (measuring && end.find()) {
                    windowClose.add(accepted - Instant.parse(end.group(1)).plus(grace).toEpochMilli());
                }
            }
            case "alert" -> {
                alerts++;
                // the document carries the reading that started the excursion
                if (measuring && !record.readingIds().isEmpty()) {
                    alertLatency.add(accepted - timestamp(record.readingIds().get(0)));
                }
            }
            default -> {
                // the bench's catalogue has no counters
            }
        }
        log(record, booked - bookedBefore);
    }

    private void log(SandboxRecord record, long fresh) {
        if (documentLog == null) {
            return;
        }
        List<String> ids = record.readingIds();
        try {
            documentLog.write(record.receivedAt() + " " + record.kind() + " " + record.key() + " " + ids.size() + " "
                    + fresh + " " + (ids.isEmpty() ? "-" : Instant.ofEpochMilli(timestamp(ids.get(0)))) + " "
                    + (ids.isEmpty() ? "-" : Instant.ofEpochMilli(timestamp(ids.get(ids.size() - 1)))) + "\n");
        } catch (IOException e) {
            documentLog = null; // the log is a diagnosis, never the run's failure
        }
    }

    @Override
    public List<SandboxRecord> documents(String erp) {
        throw new UnsupportedOperationException("the bench keeps counts, not documents");
    }

    private void mark(String id) {
        int seqAt = id.lastIndexOf(':');
        int tsAt = id.lastIndexOf(':', seqAt - 1);
        long seq = Long.parseLong(id.substring(seqAt + 1));
        long slot = seq > 0 ? seq : Math.max(0, (Long.parseLong(id.substring(tsAt + 1, seqAt)) - originMillis) / 10);
        BitSet bits = bySensor.computeIfAbsent(id.substring(0, tsAt), s -> new BitSet());
        if (bits.get((int) slot)) {
            doubled++;
        } else {
            bits.set((int) slot);
            booked++;
            bySecond.merge(Math.floorDiv(Long.parseLong(id.substring(tsAt + 1, seqAt)), 1000L), 1L, Long::sum);
        }
    }

    private static long timestamp(String id) {
        int seqAt = id.lastIndexOf(':');
        return Long.parseLong(id.substring(id.lastIndexOf(':', seqAt - 1) + 1, seqAt));
    }

    /** Latencies are collected from now on (the steady window), cleared first. */
    synchronized void startMeasuring() {
        windowClose.clear();
        alertLatency.clear();
        measuring = true;
    }

    synchronized void stopMeasuring() {
        measuring = false;
    }

    /** Whether every reading of each MQTT sensor up to the seq given for it (by sensor id) is booked. */
    synchronized boolean allBookedUpTo(Map<String, Long> lastSeqs) {
        for (Map.Entry<String, Long> sensor : lastSeqs.entrySet()) {
            BitSet bits = bySensor.get(sensor.getKey());
            long upTo = sensor.getValue();
            if (upTo > 0 && (bits == null || bits.nextClearBit(1) <= upTo)) {
                return false;
            }
        }
        return true;
    }

    /** Distinct readings booked in meter documents. */
    synchronized long booked() {
        return booked;
    }

    /**
     * Distinct readings booked so far whose own timestamp lies in the epoch seconds
     * {@code [fromSecond, toSecond)}: what the pipeline carried of the readings made in that
     * stretch, however its documents bunch up at window closes.
     */
    synchronized long bookedMadeBetween(long fromSecond, long toSecond) {
        long total = 0;
        for (long second = fromSecond; second < toSecond; second++) {
            total += bySecond.getOrDefault(second, 0L);
        }
        return total;
    }

    /** Readings booked a second time (in another accepted document). */
    synchronized long doubled() {
        return doubled;
    }

    synchronized long documents() {
        return documents;
    }

    synchronized long alerts() {
        return alerts;
    }

    /** A meter window's close (end + grace) to the ERP's acceptance, in ms, over the measured stretch. */
    synchronized Latencies windowClose() {
        return windowClose.copy();
    }

    /** An alert's first reading to the ERP's acceptance of its maintenance document, in ms. */
    synchronized Latencies alertLatency() {
        return alertLatency.copy();
    }
}
