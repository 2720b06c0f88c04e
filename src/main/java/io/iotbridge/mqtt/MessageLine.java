package io.iotbridge.mqtt;

import io.iotbridge.api.LogSafe;
import io.iotbridge.health.StageProgress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one broker connection on their way to the entries that read their topic, on
 * one worker thread in arrival order. Many are in flight at once (their readings wait for broker
 * confirms together); each is acknowledged once it and every message that arrived before it are
 * done, as MQTT 5 asks. One that failed is tried again with back-off, unacknowledged. One no entry
 * reads (a reload under way) is parked; an entry that registers for its topic gets it, and after
 * the park timeout it is refused as unknown-sensor.
 */
final class MessageLine {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLine.class);

    /**
     * Unacknowledged messages the line holds at most; the connection asks the broker for the same
     * (MQTT 5 receive maximum). Mosquitto 2.0.11 lets a whole receive maximum more through at each
     * PUBACK of the oldest message in flight, which is the one an in-order acknowledgement sends,
     * so the line keeps to it itself.
     */
    static final int RECEIVE_MAXIMUM = 1000;

    /** Longest wait for room: a line that does not move never holds Paho's thread for long. */
    private static final long ROOM_WAIT_MILLIS = 1000;

    /** Delivered messages remembered to drop QoS 1 copies: seconds of a full-speed drain. */
    private static final int RECENT = 10_000;

    /** Refuses a message no entry claimed; true once it is in iot.rejected. */
    interface Refusal {
        boolean refuse(String broker, String topic, byte[] payload);
    }

    /** Sends the PUBACK of a message on the current connection. */
    interface Acknowledgement {
        void send(MqttMessage message) throws MqttException;
    }

    private record Arrived(String topic, MqttMessage message, int generation, Instant at) {
    }

    /** A message handed to its readers and not yet acknowledged; worker only. */
    private static final class InFlight {
        final Arrived arrived;
        final Set<TopicReader> done = new HashSet<>();
        int attempt;
        int waiting;
        boolean failed;
        boolean finished;

        InFlight(Arrived arrived) {
            this.arrived = arrived;
        }
    }

    private final String url;
    private final MqttSettings settings;
    private final TopicReaders readers;
    private final Refusal refusal;
    private final Acknowledgement acknowledgement;
    private final BooleanSupplier bridgeRunning;
    private final ScheduledExecutorService timer;
    private final ExecutorService worker;
    /** Changed on the worker only; concurrent so the health check can count it. */
    private final Queue<Arrived> parked = new ConcurrentLinkedQueue<>();
    /** In arrival order; worker only. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Touched on the worker only. */
    private final RecentMessages recent = new RecentMessages(RECENT);
    /** One sweep queued on the worker at a time. */
    private final AtomicBoolean sweepQueued = new AtomicBoolean();
    /** Whether messages are being retried; worker only. */
    private boolean failing;
    /** Counts connections: a message id of an earlier one would acknowledge whatever now has it. */
    private volatile int generation;
    private volatile boolean closed;
    /** Messages arrived and not yet acknowledged, for the stall check, the backlog gauge and the room left. */
    private final StageProgress stage;
    /** Notified when messages leave the line: Paho's thread may wait for room in {@link #arrived}. */
    private final Object room = new Object();

    MessageLine(String url, MqttSettings settings, TopicReaders readers, Refusal refusal, Acknowledgement acknowledgement,
            BooleanSupplier bridgeRunning, ScheduledExecutorService timer, String threadName, StageProgress stage) {
        this.stage = stage;
        this.url = url;
        this.settings = settings;
        this.readers = readers;
        this.refusal = refusal;
        this.acknowledgement = acknowledgement;
        this.bridgeRunning = bridgeRunning;
        this.timer = timer;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** A new connection: what was parked or in flight on the old one comes again (the session kept it). */
    void connected() {
        generation++;
        stage.clear();
        roomMade();
        onWorker(() -> {
            parked.clear();
            inFlight.clear();
        });
    }

    /**
     * Handed to the worker, never waited for: Paho's thread must stay free to shut down and
     * reconnect (waiting there hung the reconnect after a broker restart). Only while the line
     * already holds the receive maximum does Paho's thread wait for room, a second at most, so the
     * surplus a broker sends stays in the socket instead of piling up here.
     */
    void arrived(String topic, MqttMessage message) {
        awaitRoom();
        if (closed) {
            return;
        }
        Arrived arrived = new Arrived(topic, message, generation, Instant.now());
        stage.waiting(arrived);
        onWorker(() -> handle(arrived));
    }

    /** An entry started reading: what was parked for its topic goes to it. */
    void readerAdded() {
        onWorker(this::deliverParked);
    }

    /**
     * Refuses what waited longer than the park timeout for an entry, then hands the topics of the
     * refused messages to {@code refusedTopics} (on the worker), so their subscriptions can go.
     * Not while the bridge stops: what is parked stays unacknowledged for the next start.
     */
    void sweep(Consumer<Set<String>> refusedTopics) {
        if (sweepQueued.compareAndSet(false, true)) {
            onWorker(() -> {
                sweepQueued.set(false);
                if (bridgeRunning.getAsBoolean()) {
                    refusedTopics.accept(sweep());
                }
            });
        }
    }

    /** Messages waiting for an entry to read their topic. */
    int parked() {
        return parked.size();
    }

    void close() {
        closed = true;
        roomMade();
        worker.shutdownNow();
    }

    private void awaitRoom() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROOM_WAIT_MILLIS);
        synchronized (room) {
            long left;
            while (!closed && stage.held() >= RECEIVE_MAXIMUM && (left = deadline - System.nanoTime()) > 0) {
                try {
                    room.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void roomMade() {
        synchronized (room) {
            room.notifyAll();
        }
    }

    private void handle(Arrived arrived) {
        if (arrived.generation() != generation) {
            return;
        }
        MqttMessage message = arrived.message();
        if (recent.isCopy(arrived.topic(), message.getPayload(), message.isDuplicate())) {
            LOG.debug("MQTT broker {}: a copy of a message on {} delivered already; acknowledged only", url,
                    LogSafe.of(arrived.topic()));
            InFlight copy = new InFlight(arrived);
            copy.finished = true;
            inFlight.add(copy);
            acknowledgeInOrder();
            return;
        }
        if (readers.of(arrived.topic()).isEmpty()) {
            parked.add(arrived);
                return;
        }
        InFlight m = new InFlight(arrived);
        inFlight.add(m);
        attempt(m);
    }

    /**
     * Hands the message to every entry reading its topic that has not taken it yet; {@link #taken}
     * learns each outcome. An entry removed meanwhile (a reload) no longer counts; with none left
     * the message is parked for its successor.
     */
    private void attempt(InFlight m) {
        if (m.arrived.generation() != generation || closed) {
            inFlight.remove(m);
            return;
        }
        String topic = m.arrived.topic();
        List<TopicReader> current = readers.of(topic);
        if (current.isEmpty()) {
            park(m);
            return;
        }
        List<TopicReader> todo = current.stream().filter(r -> !m.done.contains(r)).toList();
        if (todo.isEmpty()) {
            finish(m);
            return;
        }
        m.waiting = todo.size();
        m.failed = false;
        for (TopicReader reader : todo) {
            reader.process(topic, m.arrived.message().getPayload())
                    .whenComplete((ok, error) -> onWorker(() -> taken(m, reader, error == null && Boolean.TRUE.equals(ok))));
        }
    }

    /**
     * One reader's outcome. When all are in: acknowledged (in turn) if every entry of the topic
     * took it, else tried again with back-off while one fails (RabbitMQ down), unacknowledged
     * meanwhile; when stopping, left unacknowledged for the broker to send again.
     */
    private void taken(InFlight m, TopicReader reader, boolean ok) {
        if (ok) {
            m.done.add(reader);
        } else {
            m.failed = true;
        }
        if (--m.waiting > 0) {
            return;
        }
        if (m.arrived.generation() != generation || closed) {
            inFlight.remove(m);
            return;
        }
        List<TopicReader> current = readers.of(m.arrived.topic());
        if (!current.isEmpty() && m.done.containsAll(current)) {
            finish(m);
        } else if (!bridgeRunning.getAsBoolean()) {
            // stopping: unacknowledged, the broker sends it again to the next start
            inFlight.remove(m);
            acknowledgeInOrder();
        } else if (current.isEmpty()) {
            park(m);
        } else if (!m.failed) {
            // an entry registered for the topic meanwhile: it gets the message now
            attempt(m);
        } else {
            retryLater(m);
        }
    }

    private void finish(InFlight m) {
        m.finished = true;
        recent.delivered(m.arrived.topic(), m.arrived.message().getPayload());
        if (m.attempt > 0 && failing) {
            failing = false;
            LOG.info("MQTT broker {}: messages are taken again", url);
        }
        acknowledgeInOrder();
    }

    /** Out of the line, unacknowledged, until an entry reads its topic or the park timeout. */
    private void park(InFlight m) {
        inFlight.remove(m);
        parked.add(m.arrived);
        acknowledgeInOrder();
    }

    private void retryLater(InFlight m) {
        long millis = Math.min(settings.maxRetryDelay().toMillis(), 1000L << Math.min(m.attempt, 10));
        m.attempt++;
        if (!failing) {
            failing = true;
            LOG.warn("MQTT broker {}: a message could not be taken; retrying every {} ms at most, unacknowledged meanwhile",
                    url, settings.maxRetryDelay().toMillis());
        }
        try {
            timer.schedule(() -> onWorker(() -> attempt(m)), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: unacknowledged, the broker sends it again to the next start
        }
    }

    /** Acknowledges the finished messages at the head of the line: MQTT 5 wants PUBACKs in arrival order. */
    private void acknowledgeInOrder() {
        while (!inFlight.isEmpty() && inFlight.peek().finished) {
            acknowledge(inFlight.poll().arrived);
        }
    }

    private void acknowledge(Arrived arrived) {
        stage.done(arrived);
        roomMade();
        if (arrived.generation() != generation || closed) {
            return;
        }
        try {
            acknowledgement.send(arrived.message());
        } catch (MqttException e) {
            LOG.warn("MQTT broker {}: acknowledgement of a message on {} failed ({}); the broker sends it again",
                    url, LogSafe.of(arrived.topic()), e.getMessage());
        }
    }

    private void deliverParked() {
        for (Iterator<Arrived> it = parked.iterator(); it.hasNext();) {
            Arrived arrived = it.next();
            if (!readers.of(arrived.topic()).isEmpty()) {
                it.remove();
                InFlight m = new InFlight(arrived);
                inFlight.add(m);
                attempt(m);
            }
        }
    }

    /** The topics of the parked messages refused now. */
    private Set<String> sweep() {
        Set<String> refused = new HashSet<>();
        // readers whose route a reload replaced without stopping them
        readers.removeIf(TopicReader::isStale);
        deliverParked();
        Instant limit = Instant.now().minus(settings.parkTimeout());
        for (Iterator<Arrived> it = parked.iterator(); it.hasNext();) {
            Arrived arrived = it.next();
            // not refused (stopping): it stays parked, unacknowledged
            if (arrived.at().isBefore(limit) && refusal.refuse(url, arrived.topic(), arrived.message().getPayload())) {
                it.remove();
                acknowledge(arrived);
                refused.add(arrived.topic());
            }
        }
        return refused;
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("MQTT broker {}: {}", url, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }
}
