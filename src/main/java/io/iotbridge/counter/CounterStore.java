package io.iotbridge.counter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The counter windows each sensor has reported, on disk so they survive a restart: one small JSON
 * file per sensor under {@code <bridge.state-dir>/counters/}, replaced atomically (written to a
 * temporary file, forced to disk, then renamed), so a crash leaves the old or the new file, never
 * half of one. Only the newest {@link #KEEP} windows per sensor are kept.
 */
public class CounterStore {

    /** Windows kept per sensor: a replay older than these is counted in a newer window already. */
    public static final int KEEP = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<Long, WindowCount>> TYPE = new TypeReference<>() {
    };

    private final Path dir;
    private final Map<String, TreeMap<Long, WindowCount>> cache = new HashMap<>();

    public CounterStore(Path dir) {
        this.dir = dir;
    }

    /** The sensor's windows by start (epoch ms), oldest first; a copy. */
    public synchronized NavigableMap<Long, WindowCount> windows(String sensorId) {
        return new TreeMap<>(load(sensorId));
    }

    /** Records a window and writes the sensor's file before returning. */
    public synchronized void record(String sensorId, long windowStart, WindowCount count) {
        TreeMap<Long, WindowCount> windows = new TreeMap<>(load(sensorId));
        windows.put(windowStart, count);
        while (windows.size() > KEEP) {
            windows.pollFirstEntry();
        }
        write(sensorId, windows);
        cache.put(sensorId, windows);
    }

    private TreeMap<Long, WindowCount> load(String sensorId) {
        return cache.computeIfAbsent(sensorId, id -> {
            Path file = file(id);
            if (!Files.exists(file)) {
                return new TreeMap<>();
            }
            try {
                return JSON.readValue(file.toFile(), TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the counter state " + file, e);
            }
        });
    }

    private void write(String sensorId, TreeMap<Long, WindowCount> windows) {
        try {
            StateFiles.replace(file(sensorId), JSON.writeValueAsBytes(windows), "counter state");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the counter state of " + sensorId, e);
        }
    }

    /** Sensor ids may hold any character; the file name is their URL encoding. */
    private Path file(String sensorId) {
        return StateFiles.fileFor(dir, sensorId);
    }
}
