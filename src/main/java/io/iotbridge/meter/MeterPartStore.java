package io.iotbridge.meter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The meter documents of each ERP module and sensor whose readings are not all acknowledged yet,
 * on disk ({@code <bridge.state-dir>/meter-parts/<erp>/<sensor>.json}) so they survive a crash.
 * A file exists only while a document is in flight or its acknowledgements failed (broker
 * restart); records older than the retention are dropped, since a reading that old was either
 * acknowledged or is past its broker's delivery limit.
 */
public class MeterPartStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<MeterPartRecord>> TYPE = new TypeReference<>() {
    };

    private final Path dir;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, List<MeterPartRecord>> cache = new HashMap<>();

    public MeterPartStore(Path dir, Duration retention, Clock clock) {
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
    }

    /** The recorded parts of the sensor's window, oldest first. */
    public synchronized List<MeterPartRecord> parts(String erp, String sensorId, long windowStart) {
        return load(erp, sensorId).stream().filter(r -> r.windowStart() == windowStart).toList();
    }

    /** Records a part about to be sent (written to disk before it is). */
    public synchronized void sending(String erp, String sensorId, long windowStart, String part, List<String> readingIds) {
        update(erp, sensorId, windowStart, part,
                old -> new MeterPartRecord(windowStart, part, List.copyOf(readingIds), false, Set.of()));
    }

    /**
     * The ERP accepted the part (or it was found booked): marks it so, with the readings now
     * acknowledged; once all of them are, the record is dropped.
     */
    public synchronized void settled(String erp, String sensorId, long windowStart, String part, List<String> readingIds,
                                     Set<String> acknowledged) {
        update(erp, sensorId, windowStart, part, old -> {
            Set<String> acked = new HashSet<>(acknowledged);
            List<String> ids = readingIds;
            if (old != null) {
                acked.addAll(old.acknowledged());
                ids = old.readingIds();
            }
            MeterPartRecord updated = new MeterPartRecord(windowStart, part, List.copyOf(ids), true, Set.copyOf(acked));
            return updated.fullyAcknowledged() ? null : updated;
        });
    }

    private void update(String erp, String sensorId, long windowStart, String part,
                        java.util.function.UnaryOperator<MeterPartRecord> change) {
        List<MeterPartRecord> records = new ArrayList<>(load(erp, sensorId));
        MeterPartRecord old = null;
        int at = -1;
        for (int i = 0; i < records.size(); i++) {
            MeterPartRecord r = records.get(i);
            if (r.windowStart() == windowStart && r.part().equals(part)) {
                old = r;
                at = i;
            }
        }
        MeterPartRecord updated = change.apply(old);
        if (at >= 0) {
            records.remove(at);
        }
        if (updated != null) {
            records.add(at >= 0 ? at : records.size(), updated);
        }
        long oldest = clock.millis() - retention.toMillis();
        records.removeIf(r -> r.windowStart() < oldest);
        write(erp, sensorId, records);
        cache.put(erp + "/" + sensorId, records);
    }

    private List<MeterPartRecord> load(String erp, String sensorId) {
        return cache.computeIfAbsent(erp + "/" + sensorId, k -> {
            Path file = file(erp, sensorId);
            if (!Files.exists(file)) {
                return List.of();
            }
            try {
                return JSON.readValue(file.toFile(), TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the meter state " + file, e);
            }
        });
    }

    private void write(String erp, String sensorId, List<MeterPartRecord> records) {
        Path file = file(erp, sensorId);
        try {
            if (records.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                StateFiles.replace(file, JSON.writeValueAsBytes(records), "meter state");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the meter state " + file, e);
        }
    }

    private Path file(String erp, String sensorId) {
        return StateFiles.fileFor(dir.resolve(erp), sensorId);
    }
}
