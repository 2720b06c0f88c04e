package io.iotbridge.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.counter.CounterStore;
import io.iotbridge.counter.WindowCount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes made side by side share one sync (group commit), what durable() returned for is there
 * after the store is opened again, and state files of the earlier version are taken over.
 */
class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void writersSideBySideShareSyncsAndEveryChangeSurvivesAReopen() throws Exception {
        int writers = 8;
        int each = 50;
        Path file = dir.resolve("erp-state.mv.db");
        try (StateStore store = StateStore.open(file)) {
            var map = store.map("m");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        map.put(writer + ":" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
                        store.durable(store.changed());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(store.syncs()).as("one sync served several writers").isPositive().isLessThan(writers * each);
        }
        try (StateStore reopened = StateStore.open(file)) {
            assertThat(reopened.map("m")).hasSize(writers * each);
        }
    }

    @Test
    void aCounterFileOfTheEarlierVersionIsTakenOverAndRemovedOnceStored() throws Exception {
        Path legacy = dir.resolve("counters");
        Files.createDirectories(legacy);
        Files.writeString(StateFiles.fileFor(legacy, "press07-parts"), "{\"1000\":{\"last\":41.0,\"quantity\":3.0}}");
        try (StateStore store = StateStore.open(dir.resolve("erp-state.mv.db"))) {
            CounterStore counters = new CounterStore(store, legacy);
            assertThat(counters.windows("press07-parts")).containsEntry(1000L, new WindowCount(41.0, 3.0));
            store.durable(counters.record("press07-parts", 2000L, new WindowCount(44.0, 3.0)));
            counters.dropMigratedFiles();
            assertThat(StateFiles.fileFor(legacy, "press07-parts")).doesNotExist();
            assertThat(new CounterStore(store, legacy).windows("press07-parts")).containsOnlyKeys(1000L, 2000L);
        }
    }

    /** Windows and ids come and go: compaction keeps the file near what is live, not all that ever was. */
    @Test
    void compactionKeepsTheFileNearWhatIsLive() throws Exception {
        long without = churn(dir.resolve("plain.mv.db"), false);
        long with = churn(dir.resolve("compacted.mv.db"), true);
        assertThat(with).as("file after churn with compaction vs without (%d bytes)", without).isLessThan(without / 2);
    }

    private static long churn(Path file, boolean compact) throws Exception {
        byte[] value = new byte[100];
        // chunks reused at once, as after MVStore's retention time in a long run
        try (StateStore store = StateStore.open(file, java.time.Duration.ZERO)) {
            var map = store.<byte[]>map("m");
            for (int round = 0; round < 300; round++) {
                for (int i = 0; i < 500; i++) {
                    map.put(round + ":" + i, value);
                }
                // a few stay, as a window or two stay open
                for (int i = 0; i < 490; i++) {
                    map.remove(round + ":" + i);
                }
                store.durable(store.changed());
                if (compact && round % 20 == 19) {
                    store.compact();
                }
            }
        }
        return Files.size(file);
    }
}
