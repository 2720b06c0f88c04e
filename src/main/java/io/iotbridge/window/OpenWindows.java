package io.iotbridge.window;

import io.iotbridge.health.StageProgress;
import io.iotbridge.reading.Reading;
import io.iotbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The meter and counter windows not closed yet, every reading of them in the state store (so a
 * reading can be acknowledged as soon as its window's state is durable, and memory does not grow
 * with window length × sensors), and in memory only one small entry per window and per sensor.
 *
 * <p>A window closes on the progress of its sensor's own stream, not on the wall clock: once a
 * reading of the sensor at or after the window's end plus the grace has arrived (its watermark).
 * Readings that waited in the broker because the bridge or the ERP was behind thus still form one
 * document per sensor and window. A sensor that falls silent has its window closed by the clock:
 * when the end plus the grace has passed and nothing of it arrived for a whole window length.
 */
public final class OpenWindows {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenWindows.class);

    private final StateStore state;
    private final MVMap<String, byte[]> readings;
    private final MVMap<String, byte[]> metas;
    private final ReadingIds ids;
    private final long windowMillis;
    private final long graceMillis;
    private final Clock clock;
    private final Function<String, StageProgress> stages;
    private final Map<WindowId, WindowMeta> open = new HashMap<>();
    private final Map<String, long[]> progress = new HashMap<>();

    /**
     * @param stages the stage of each module ({@code erp.<erp>}): an open window is work waiting in it
     */
    OpenWindows(StateStore state, ReadingIds ids, Duration window, Duration grace, Clock clock,
                Function<String, StageProgress> stages) {
        this.state = state;
        this.readings = state.map("window-readings");
        this.metas = state.map("window-meta");
        this.ids = ids;
        this.windowMillis = window.toMillis();
        this.graceMillis = grace.toMillis();
        this.clock = clock;
        this.stages = stages;
        reopen();
    }

    /** A reading taken into its window: {@code change} to wait for before acknowledging it. */
    public record Taken(boolean duplicate, long change) {
    }

    /**
     * Puts the reading into its window, unless it is there already or was acknowledged lately (the
     * broker delivered it again): then it is a duplicate and counts once.
     */
    public Taken add(String erp, String kind, Reading reading, Map<String, String> headers, String routingKey) {
        return state.change(() -> {
            synchronized (this) {
                if (ids.taken(erp, reading.id())) {
                    return new Taken(true, state.latest());
                }
                long ts = reading.ts().toEpochMilli();
                long start = Math.floorDiv(ts, windowMillis) * windowMillis;
                WindowId id = new WindowId(erp, kind, reading.sensorId(), start);
                if (!open.containsKey(id)) {
                    WindowMeta meta = new WindowMeta(id, start + windowMillis, reading.machineId(), reading.unit(),
                            routingKey, Map.copyOf(headers));
                    metas.put(id.prefix(), meta.toBytes());
                    open.put(id, meta);
                    stages.apply(erp).waiting(id);
                }
                readings.put(id.prefix() + reading.id(), StoredReading.of(reading).toBytes());
                ids.hold(erp, reading.id());
                long[] p = progress.computeIfAbsent(id.sensorKey(), k -> new long[] {Long.MIN_VALUE, 0});
                p[0] = Math.max(p[0], ts);
                p[1] = clock.millis();
                return new Taken(false, state.changed());
            }
        });
    }

    /** The windows to close now, oldest first. */
    public synchronized List<WindowId> closable() {
        long now = clock.millis();
        List<WindowId> due = new ArrayList<>();
        for (Map.Entry<WindowId, WindowMeta> e : open.entrySet()) {
            long closeAt = e.getValue().windowEnd() + graceMillis;
            long[] p = progress.get(e.getKey().sensorKey());
            boolean passed = p != null && p[0] >= closeAt;
            boolean silent = now >= closeAt && (p == null || now - p[1] >= windowMillis);
            if (passed || silent) {
                due.add(e.getKey());
            }
        }
        due.sort(Comparator.comparingLong(WindowId::windowStart));
        return due;
    }

    /** Takes the window out with its readings; call inside a state change. Null when it is not open. */
    synchronized ClosedWindow take(WindowId id) {
        WindowMeta meta = open.remove(id);
        if (meta == null) {
            return null;
        }
        String prefix = id.prefix();
        List<String> keys = new ArrayList<>();
        List<StoredReading> stored = new ArrayList<>();
        Cursor<String, byte[]> cursor = readings.cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
            stored.add(StoredReading.fromBytes(cursor.getValue()));
        }
        keys.forEach(readings::remove);
        metas.remove(prefix);
        stored.sort(Comparator.comparingLong(StoredReading::ts).thenComparingLong(StoredReading::seq));
        stages.apply(id.erp()).done(id);
        if (stored.isEmpty()) {
            // a window is made with its first reading, in one change: none means a damaged store
            LOG.warn("window {} of sensor {} ({}) held no reading; dropped", id.windowStart(), id.sensorId(), id.erp());
            return null;
        }
        return new ClosedWindow(meta, stored, Double.NaN);
    }

    /** Open windows; for the status and tests. */
    public synchronized int size() {
        return open.size();
    }

    /** After a restart: the open windows and each sensor's progress, from the store. */
    private synchronized void reopen() {
        long now = clock.millis();
        for (Map.Entry<String, byte[]> e : metas.entrySet()) {
            WindowMeta meta = WindowMeta.fromBytes(e.getValue());
            open.put(meta.id(), meta);
            stages.apply(meta.id().erp()).waiting(meta.id());
            String prefix = e.getKey();
            Cursor<String, byte[]> cursor = readings.cursor(prefix);
            long[] p = progress.computeIfAbsent(meta.id().sensorKey(), k -> new long[] {Long.MIN_VALUE, now});
            while (cursor.hasNext() && cursor.next().startsWith(prefix)) {
                p[0] = Math.max(p[0], StoredReading.fromBytes(cursor.getValue()).ts());
            }
        }
    }
}
