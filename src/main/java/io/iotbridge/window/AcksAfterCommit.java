package io.iotbridge.window;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges readings to the broker once their window's state is on disk, in group commits:
 * one commit and one sync cover every reading taken meanwhile, however many consumers took them.
 * Runs on a thread of its own, so a slow disk holds no consumer; the readings it has not
 * acknowledged yet stay with the broker, which delivers them again should the bridge stop.
 */
final class AcksAfterCommit implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AcksAfterCommit.class);
    /** The most deliveries one commit acknowledges; more wait for the next. */
    private static final int BATCH = 20_000;

    /** One delivery (a reading, or a batch of them) and the reading ids it brought. */
    private record Pending(long change, String erp, List<String> readingIds, Deliveries.Delivery delivery) {
    }

    private final StateStore state;
    private final ReadingIds ids;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;

    AcksAfterCommit(StateStore state, ReadingIds ids) {
        this.state = state;
        this.ids = ids;
    }

    /** Acknowledges the delivery, which brought {@code readingIds}, once change {@code change} is durable. */
    void after(long change, String erp, List<String> readingIds, Deliveries.Delivery delivery) {
        queue.add(new Pending(change, erp, readingIds, delivery));
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                state.durable(batch.stream().mapToLong(Pending::change).max().orElse(0));
                List<Pending> acked = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    if (Deliveries.acknowledge(p.delivery())) {
                        acked.add(p);
                    }
                }
                batch.clear();
                state.change(() -> {
                    acked.forEach(p -> p.readingIds().forEach(id -> ids.acknowledged(p.erp(), id, p.delivery().channel())));
                    return state.changed();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the disk failed the commit: nothing is acknowledged, the same readings are tried again
                LOG.error("the ERP state could not be committed ({}); readings stay unacknowledged, trying again",
                        e.toString());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
