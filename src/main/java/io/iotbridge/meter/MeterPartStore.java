package io.iotbridge.meter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.state.StateFiles;
import io.iotbridge.state.StateStore;
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
import org.h2.mvstore.MVMap;

/**
 * The meter documents of each ERP module and sensor whose readings are not all acknowledged yet,
 * in the bridge's {@link StateStore} so they survive a crash. A record exists only while a
 * document is in flight or its acknowledgements failed (broker restart); records older than the
 * retention are dropped, since a reading that old was either acknowledged or is past its broker's
 * delivery limit.
 *
 * <p>Each change is durable before its method returns, but the wait for the disk happens outside
 * the store's lock, so the documents of many windows sent side by side share one sync.
 *
 * <p>Records written by an earlier version, one JSON file per sensor under
 * {@code <bridge.state-dir>/meter-parts/<erp>/}, are read when the store has none for the
 * sensor, and the file is removed once its records are in the store.
 */
public class MeterPartStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<MeterPartRecord>> TYPE = new TypeReference<>() {
    };

    private final StateStore state;
    private final MVMap<String, byte[]> records;
    private final Path legacyDir;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, List<MeterPartRecord>> cache = new HashMap<>();
    /** Keys whose records came from an old file, removed once they are durable in the store. */
    private final Set<String> fromLegacyFiles = new HashSet<>();

    public MeterPartStore(StateStore state, Path legacyDir, Duration retention, Clock clock) {
        this.state = state;
        this.records = state.map("meter-parts");
        this.legacyDir = legacyDir;
        this.retention = retention;
        this.clock = clock;
    }

    /** The recorded parts of the sensor's window, oldest first. */
    public synchronized List<MeterPartRecord> parts(String erp, String sensorId, long windowStart) {
        return load(erp, sensorId).stream().filter(r -> r.windowStart() == windowStart).toList();
    }

    /** Records a part about to be sent; durable when this returns. */
    public void sending(String erp, String sensorId, long windowStart, String part, List<String> readingIds) {
        long change;
        synchronized (this) {
            change = update(erp, sensorId, windowStart, part,
                    old -> new MeterPartRecord(windowStart, part, List.copyOf(readingIds), false, Set.of()));
        }
        state.durable(change);
        dropLegacyFile(erp, sensorId);
    }

    /**
     * The ERP accepted the part (or it was found booked): marks it so, with the readings now
     * acknowledged; once all of them are, the record is dropped.
     */
    public void settled(String erp, String sensorId, long windowStart, String part, List<String> readingIds,
                        Set<String> acknowledged) {
        long change;
        synchronized (this) {
            change = update(erp, sensorId, windowStart, part, old -> {
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
        state.durable(change);
        dropLegacyFile(erp, sensorId);
    }

    private long update(String erp, String sensorId, long windowStart, String part,
                        java.util.function.UnaryOperator<MeterPartRecord> change) {
        List<MeterPartRecord> list = new ArrayList<>(load(erp, sensorId));
        MeterPartRecord old = null;
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            MeterPartRecord r = list.get(i);
            if (r.windowStart() == windowStart && r.part().equals(part)) {
                old = r;
                at = i;
            }
        }
        MeterPartRecord updated = change.apply(old);
        if (at >= 0) {
            list.remove(at);
        }
        if (updated != null) {
            list.add(at >= 0 ? at : list.size(), updated);
        }
        long oldest = clock.millis() - retention.toMillis();
        list.removeIf(r -> r.windowStart() < oldest);
        String key = key(erp, sensorId);
        try {
            if (list.isEmpty()) {
                records.remove(key);
            } else {
                records.put(key, JSON.writeValueAsBytes(list));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the meter state of " + sensorId, e);
        }
        cache.put(key, list);
        return state.changed();
    }

    private List<MeterPartRecord> load(String erp, String sensorId) {
        return cache.computeIfAbsent(key(erp, sensorId), k -> {
            byte[] stored = records.get(k);
            try {
                if (stored != null) {
                    return JSON.readValue(stored, TYPE);
                }
                Path file = legacyFile(erp, sensorId);
                if (!Files.exists(file)) {
                    return List.of();
                }
                fromLegacyFiles.add(k);
                return JSON.readValue(file.toFile(), TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the meter state of " + sensorId, e);
            }
        });
    }

    /** Once the sensor's records are durable in the store, its old file goes. */
    private void dropLegacyFile(String erp, String sensorId) {
        synchronized (this) {
            if (!fromLegacyFiles.remove(key(erp, sensorId))) {
                return;
            }
        }
        try {
            Files.deleteIfExists(legacyFile(erp, sensorId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old meter state of " + sensorId, e);
        }
    }

    private static String key(String erp, String sensorId) {
        return erp + "/" + sensorId;
    }

    private Path legacyFile(String erp, String sensorId) {
        return StateFiles.fileFor(legacyDir.resolve(erp), sensorId);
    }
}
