package io.iotbridge.catalogue;

import io.iotbridge.catalogue.SensorSource.Reading;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue entries that shared source consumers read (no route of their own), by route id.
 * A reload of a file first sets its entries aside, still reading; what the file states again,
 * unchanged, keeps reading without a gap, and the rest is stopped when the file is done.
 * Guarded by the catalogue gate's lock.
 */
final class RunningEntries {

    private static final Logger LOG = LoggerFactory.getLogger(RunningEntries.class);

    private record Running(SensorEntry entry, Reading reading) {
    }

    private final Function<String, Optional<SensorSource>> sources;
    private final Map<String, Running> running = new HashMap<>();
    /** Entries of files being reloaded, still reading until their file is done. */
    private final Map<String, Running> setAside = new HashMap<>();

    /** @param sources the shared consumer of a source kind, if this bridge has one */
    RunningEntries(Function<String, Optional<SensorSource>> sources) {
        this.sources = sources;
    }

    /** Whether entries of this source kind are read as data. */
    boolean reads(String source) {
        return source != null && sources.apply(source).isPresent();
    }

    /**
     * Reads an entry: keeps the reading of an unchanged entry set aside by a reload, replaces a
     * changed one. When the source cannot read the new version, the one it replaced reads again.
     *
     * @throws IllegalArgumentException when the source cannot read the entry
     */
    void run(SensorEntry entry) {
        Running previous = setAside.remove(entry.routeId());
        if (previous == null) {
            previous = running.remove(entry.routeId());
        }
        if (previous != null && previous.entry().sameAs(entry)) {
            running.put(entry.routeId(), previous);
            return;
        }
        if (previous != null) {
            previous.reading().stop();
        }
        try {
            running.put(entry.routeId(), new Running(entry, start(entry)));
        } catch (IllegalArgumentException e) {
            // the new version cannot be read: the last good one reads again, set aside for keep()
            if (previous != null) {
                setAside.put(entry.routeId(), new Running(previous.entry(), start(previous.entry())));
            }
            throw e;
        }
    }

    private Reading start(SensorEntry entry) {
        return sources.apply(entry.entry().source()).orElseThrow().start(entry);
    }

    /** A file is about to be loaded again: its entries keep reading until {@link #endFile}. */
    void beginFile(String file) {
        running.values().removeIf(r -> {
            if (r.entry().entry().file().equals(file)) {
                setAside.put(r.entry().routeId(), r);
                return true;
            }
            return false;
        });
    }

    /**
     * The file's new version of an entry was refused: its last good version, set aside by the
     * reload, keeps reading. Empty when the entry was not read before the reload.
     */
    Optional<SensorEntry> keep(String routeId, String file) {
        Running previous = setAside.get(routeId);
        if (previous == null || !previous.entry().entry().file().equals(file)) {
            return Optional.empty();
        }
        setAside.remove(routeId);
        running.put(routeId, previous);
        return Optional.of(previous.entry());
    }

    /** The file is loaded (or gone, or refused): what it no longer states stops. */
    void endFile(String file) {
        setAside.values().removeIf(r -> {
            if (r.entry().entry().file().equals(file)) {
                LOG.info("Catalogue entry {} of {} removed: stopped reading it", r.entry(), file);
                r.reading().stop();
                return true;
            }
            return false;
        });
    }
}
