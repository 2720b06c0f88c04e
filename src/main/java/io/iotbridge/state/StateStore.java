package io.iotbridge.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The state the ERP consumers keep across a crash (meter document parts, counter windows), in one
 * H2 MVStore file under {@code bridge.state-dir}, made durable in group commits: every caller of
 * {@link #durable(long)} waits until its change is on disk, and one commit and one fsync cover
 * every change made by the time it runs, whoever asked. Many documents sent side by side thus
 * share one sync instead of paying one (or two) each under a global lock.
 *
 * <p>A change that spans several maps (a window closed into the outbox) is made inside
 * {@link #change(Supplier)}: no commit runs while one is half made, so the disk only ever holds
 * whole changes.
 */
public final class StateStore implements AutoCloseable {

    /** Chunks less full than this (percent) are rewritten, at most this many bytes per compaction. */
    private static final int COMPACT_FILL_RATE = 60;
    private static final int COMPACT_BYTES = 16 * 1024 * 1024;

    private final MVStore store;
    private final Object flush = new Object();
    /** Changes share the read side; a commit takes the write side, so it never sees half of one. */
    private final ReadWriteLock changing = new ReentrantReadWriteLock();
    /** Counts changes; a writer takes its number after its change is in a map. */
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile long durableUpTo;

    private StateStore(MVStore store) {
        this.store = store;
    }

    public static StateStore open(Path file) {
        return open(file, null);
    }

    /**
     * As {@link #open(Path)}, reusing a chunk no commit needs after {@code retention} instead of
     * MVStore's 45 s (which guards recovery after a crash: the store's header, written now and
     * then, may still point into an old chunk). Tests only, to see compaction free space at once.
     */
    static StateStore open(Path file, java.time.Duration retention) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory of " + file, e);
        }
        // nothing is written but by durable(): a half-made change never reaches the disk on its own
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        if (retention != null) {
            store.setRetentionTime((int) retention.toMillis());
        }
        return new StateStore(store);
    }

    public <V> MVMap<String, V> map(String name) {
        return store.openMap(name);
    }

    /**
     * Runs {@code change} (writes to any maps) so that no commit lands in its middle; answers what
     * it answers. Never wait for {@link #durable(long)} inside one.
     */
    public <T> T change(Supplier<T> change) {
        changing.readLock().lock();
        try {
            return change.get();
        } finally {
            changing.readLock().unlock();
        }
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
            long upTo;
            changing.writeLock().lock();
            try {
                upTo = changes.get();
                store.commit();
            } finally {
                changing.writeLock().unlock();
            }
            store.sync();
            syncs.incrementAndGet();
            durableUpTo = upTo;
        }
    }

    /** The number of the latest change, for {@link #durable(long)} of everything made so far. */
    public long latest() {
        return changes.get();
    }

    /**
     * Rewrites the live pages of mostly empty chunks: windows, reading ids and outbox entries come
     * and go all the time, and without this the file would keep the space of what is long gone.
     */
    public void compact() {
        synchronized (flush) {
            changing.writeLock().lock();
            try {
                store.compact(COMPACT_FILL_RATE, COMPACT_BYTES);
                store.commit();
            } finally {
                changing.writeLock().unlock();
            }
        }
    }

    /** How many syncs the store has made: fewer than changes when callers overlapped. */
    public long syncs() {
        return syncs.get();
    }

    @Override
    public void close() {
        synchronized (flush) {
            // after any change in progress: closing commits, and must not commit half of one
            changing.writeLock().lock();
            try {
                if (!store.isClosed()) {
                    store.close();
                }
            } finally {
                changing.writeLock().unlock();
            }
        }
    }
}
