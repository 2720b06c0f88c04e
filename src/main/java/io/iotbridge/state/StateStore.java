package io.iotbridge.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The state the ERP consumers keep across a crash (meter document parts, counter windows), in one
 * H2 MVStore file under {@code bridge.state-dir}, made durable in group commits: every caller of
 * {@link #durable(long)} waits until its change is on disk, and one commit and one fsync cover
 * every change made by the time it runs, whoever asked. Many documents sent side by side thus
 * share one sync instead of paying one (or two) each under a global lock.
 */
public final class StateStore implements AutoCloseable {

    private final MVStore store;
    private final Object flush = new Object();
    /** Counts changes; a writer takes its number after its change is in a map. */
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile long durableUpTo;

    private StateStore(MVStore store) {
        this.store = store;
    }

    public static StateStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory of " + file, e);
        }
        // nothing is written but by durable(): a half-made change never reaches the disk on its own
        return new StateStore(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
    }

    public MVMap<String, byte[]> map(String name) {
        return store.openMap(name);
    }

    /** The number of a change just made in a map, for {@link #durable(long)}. */
    public long changed() {
        return changes.incrementAndGet();
    }

    /** Returns once change {@code change} (and all before it) is committed and forced to disk. */
    public void durable(long change) {
        if (durableUpTo >= change) {
            return;
        }
        synchronized (flush) {
            if (durableUpTo >= change) {
                return; // the commit another caller ran meanwhile took it along
            }
            long upTo = changes.get();
            store.commit();
            store.sync();
            syncs.incrementAndGet();
            durableUpTo = upTo;
        }
    }

    /** How many syncs the store has made: fewer than changes when callers overlapped. */
    public long syncs() {
        return syncs.get();
    }

    @Override
    public void close() {
        synchronized (flush) {
            if (!store.isClosed()) {
                store.close();
            }
        }
    }
}
