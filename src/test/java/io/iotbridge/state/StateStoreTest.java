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
            counters.durable("press07-parts", counters.record("press07-parts", 2000L, new WindowCount(44.0, 3.0)));
            assertThat(StateFiles.fileFor(legacy, "press07-parts")).doesNotExist();
            assertThat(new CounterStore(store, legacy).windows("press07-parts")).containsOnlyKeys(1000L, 2000L);
        }
    }
}
