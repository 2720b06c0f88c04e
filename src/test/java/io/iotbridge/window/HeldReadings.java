package io.iotbridge.window;

import io.iotbridge.state.StateStore;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.h2.mvstore.MVMap;

/**
 * What a stopped bridge's state file holds of one sensor in one module: the readings of its open
 * windows and of its windows waiting in the outbox. Everything in it was acknowledged to the
 * broker, so the next bridge on the same file must book all of it: a test's list of what may not
 * be lost.
 */
public record HeldReadings(Set<String> inOpenWindows, Set<String> inOutbox) {

    /** Reads the state file of a bridge that has stopped (the file is locked while one runs). */
    public static HeldReadings of(Path stateFile, String erp, String sensorId) {
        Set<String> open = new TreeSet<>();
        Set<String> outbox = new TreeSet<>();
        try (StateStore state = StateStore.open(stateFile)) {
            MVMap<String, byte[]> readings = state.map("window-readings");
            for (String key : readings.keySet()) {
                // <erp> SEP <kind> SEP <sensor> SEP <window start> SEP <reading id>
                String[] parts = key.split(String.valueOf(WindowId.SEP), -1);
                if (parts[0].equals(erp) && parts[2].equals(sensorId)) {
                    open.add(parts[4]);
                }
            }
            MVMap<String, byte[]> entries = state.map("outbox");
            for (byte[] entry : entries.values()) {
                ClosedWindow window = ClosedWindow.fromBytes(entry);
                if (window.erp().equals(erp) && window.sensorId().equals(sensorId)) {
                    outbox.addAll(window.readingIds());
                }
            }
        }
        return new HeldReadings(open, outbox);
    }

    public Set<String> all() {
        Set<String> all = new TreeSet<>(inOpenWindows);
        all.addAll(inOutbox);
        return all;
    }
}
