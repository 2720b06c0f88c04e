package io.iotbridge.counter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.state.StateFiles;
import io.iotbridge.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;

/**
 * The counter windows each sensor has reported, in the bridge's {@link StateStore} so they
 * survive a restart. Only the newest {@link #KEEP} windows per sensor are kept. A recorded window
 * is durable once {@link StateStore#durable(long)} returned for the change {@link #record} answers;
 * callers wait for it outside their own locks and state changes, so windows recorded side by side
 * share one sync.
 *
 * <p>Windows written by an earlier version, one JSON file per sensor under
 * {@code <bridge.state-dir>/counters/}, are read when the store has none for the sensor; the
 * file is removed by {@link #dropMigratedFiles()} once they are durable in the store.
 */
public class CounterStore {

    /** Windows kept per sensor: a replay older than these is counted in a newer window already. */
    public static final int KEEP = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<Long, WindowCount>> TYPE = new TypeReference<>() {
    };

    private final StateStore state;
    private final MVMap<String, byte[]> counters;
    private final Path legacyDir;
    private final Map<String, TreeMap<Long, WindowCount>> cache = new HashMap<>();
    private final Set<String> fromLegacyFiles = new HashSet<>();
    /** Sensors read from an old file whose windows are in the store now. */
    private final Set<String> migrated = new HashSet<>();

    public CounterStore(StateStore state, Path legacyDir) {
        this.state = state;
        this.counters = state.map("counters");
        this.legacyDir = legacyDir;
    }

    /** The sensor's windows by start (epoch ms), oldest first; a copy. */
    public synchronized NavigableMap<Long, WindowCount> windows(String sensorId) {
        return new TreeMap<>(load(sensorId));
    }

    /** Records a window in the store; answers the change to wait for with {@link #durable(long)}. */
    public synchronized long record(String sensorId, long windowStart, WindowCount count) {
        TreeMap<Long, WindowCount> windows = new TreeMap<>(load(sensorId));
        windows.put(windowStart, count);
        while (windows.size() > KEEP) {
            windows.pollFirstEntry();
        }
        try {
            counters.put(sensorId, JSON.writeValueAsBytes(windows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the counter state of " + sensorId, e);
        }
        cache.put(sensorId, windows);
        if (fromLegacyFiles.remove(sensorId)) {
            migrated.add(sensorId);
        }
        return state.changed();
    }

    /** Once the store's changes are durable: drops the old files whose windows are in the store now. */
    public void dropMigratedFiles() {
        List<String> migrated;
        synchronized (this) {
            migrated = List.copyOf(this.migrated);
            this.migrated.clear();
        }
        for (String sensorId : migrated) {
            try {
                Files.deleteIfExists(StateFiles.fileFor(legacyDir, sensorId));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the old counter state of " + sensorId, e);
            }
        }
    }

    private TreeMap<Long, WindowCount> load(String sensorId) {
        return cache.computeIfAbsent(sensorId, id -> {
            try {
                byte[] stored = counters.get(id);
                if (stored != null) {
                    return JSON.readValue(stored, TYPE);
                }
                Path file = StateFiles.fileFor(legacyDir, id);
                if (!Files.exists(file)) {
                    return new TreeMap<>();
                }
                fromLegacyFiles.add(id);
                return JSON.readValue(file.toFile(), TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the counter state of " + id, e);
            }
        });
    }
}
