package io.iotbridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotbridge.health.StageProgress;
import io.iotbridge.health.Stages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One broker connection's line of messages, without a broker: the entries are readers whose
 * answers the test decides, the PUBACKs go to a list.
 */
class MessageLineTest {

    private static final String TOPIC = "plant/line1/CNC-03/spindle-temp";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final TopicReaders readers = new TopicReaders();
    private final List<MqttMessage> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicBoolean bridgeRunning = new AtomicBoolean(true);
    private final StageProgress stage = Stages.untracked("mqtt:test");
    private MessageLine line;

    @AfterEach
    void close() {
        if (line != null) {
            line.close();
        }
        timer.shutdownNow();
    }

    @Test
    void messagesAreAcknowledgedInArrivalOrderWhateverOrderTheirEntryTakesThem() {
        Reader reader = reader(TOPIC);
        line = line(Duration.ofSeconds(30));
        MqttMessage first = message(1);
        MqttMessage second = message(2);

        line.arrived(TOPIC, first);
        line.arrived(TOPIC, second);
        await().until(() -> reader.pending.size() == 2);
        CompletableFuture<Boolean> firstTaken = reader.pending.poll();
        reader.pending.poll().complete(true);
        firstTaken.complete(true);

        // had the second been acknowledged when it was taken, it would come first
        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(first, second));
        assertThat(stage.backlog()).isZero();
    }

    @Test
    void aMessageGoesToEveryEntryReadingItsTopicAndAgainOnlyToThoseThatFailedToTakeIt() {
        Reader exact = reader(TOPIC);
        exact.answers.add(true);
        Reader wildcard = reader("plant/line1/+/spindle-temp");
        wildcard.answers.add(false);
        wildcard.answers.add(true);
        Reader otherTopic = reader("plant/line1/PRESS-07/+");
        line = line(Duration.ofSeconds(30));
        MqttMessage message = message(1);

        line.arrived(TOPIC, message);

        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message));
        assertThat(exact.calls).hasValue(1);
        assertThat(wildcard.calls).hasValue(2);
        assertThat(otherTopic.calls).hasValue(0);
    }

    @Test
    void aMessageAnEntryFailedToTakeIsTriedAgainUnacknowledgedUntilTaken() {
        Reader reader = reader(TOPIC);
        reader.answers.add(false);
        reader.answers.add(false);
        reader.answers.add(true);
        line = line(Duration.ofSeconds(30));
        MqttMessage message = message(1);

        line.arrived(TOPIC, message);

        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message));
        assertThat(reader.answers).as("tries left").isEmpty();
    }

    @Test
    void aCopyOfADeliveredReadingIsAcknowledgedWithoutReachingTheEntryAgain() {
        Reader reader = reader(TOPIC);
        reader.answers.add(true);
        line = line(Duration.ofSeconds(30));
        MqttMessage message = message(1);
        line.arrived(TOPIC, message);
        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message));

        MqttMessage copy = message(1);
        copy.setDuplicate(true);
        line.arrived(TOPIC, copy);

        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message, copy));
        assertThat(reader.pending).as("messages handed to the entry after the first").isEmpty();
    }

    @Test
    void aMessageNoEntryReadsIsParkedUnacknowledgedAndGoesToTheEntryThatRegistersForItsTopic() {
        line = line(Duration.ofSeconds(30));
        MqttMessage message = message(1);

        line.arrived(TOPIC, message);
        await().until(() -> line.parked() == 1);
        // within the park timeout: a sweep leaves it parked
        line.sweep(topics -> refused.addAll(topics));
        assertThat(acknowledged).isEmpty();

        Reader reader = reader(TOPIC);
        reader.answers.add(true);
        line.readerAdded();

        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message));
        assertThat(line.parked()).isZero();
        assertThat(refused).isEmpty();
    }

    @Test
    void aParkedMessageIsRefusedAfterTheParkTimeoutAndItsTopicHandedOn() {
        line = line(Duration.ofMillis(1));
        MqttMessage message = message(1);
        Set<String> refusedTopics = ConcurrentHashMap.newKeySet();

        line.arrived(TOPIC, message);
        await().until(() -> line.parked() == 1);

        await().untilAsserted(() -> {
            line.sweep(refusedTopics::addAll);
            assertThat(refused).containsExactly(TOPIC);
        });
        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(message));
        assertThat(refusedTopics).containsExactly(TOPIC);
        assertThat(line.parked()).isZero();
    }

    @Test
    void whileTheBridgeStopsAParkedMessageStaysUnacknowledgedForTheNextStart() {
        Reader other = reader("plant/line1/PRESS-07/temp");
        other.answers.add(true);
        line = line(Duration.ZERO);
        MqttMessage parked = message(1);
        line.arrived(TOPIC, parked);
        await().until(() -> line.parked() == 1);
        bridgeRunning.set(false);

        line.sweep(topics -> refused.add("sweep while stopping: " + topics));
        MqttMessage later = message(2);
        line.arrived("plant/line1/PRESS-07/temp", later);

        // one worker in arrival order: the sweep ran before the later message was acknowledged
        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(later));
        assertThat(refused).isEmpty();
        assertThat(line.parked()).isEqualTo(1);
    }

    @Test
    void aMessageOfAnEarlierConnectionIsNeverAcknowledgedOnTheNewOne() {
        Reader reader = reader(TOPIC);
        line = line(Duration.ofSeconds(30));
        MqttMessage before = message(1);
        line.arrived(TOPIC, before);
        await().until(() -> reader.pending.size() == 1);

        line.connected();
        reader.pending.poll().complete(true);
        reader.answers.add(true);
        MqttMessage after = message(2);
        line.arrived(TOPIC, after);

        // its id now belongs to another message of the new session: the broker sends it again instead
        await().untilAsserted(() -> assertThat(acknowledged).containsExactly(after));
    }

    private Reader reader(String filter) {
        Reader reader = new Reader(new TopicFilter(filter, ""));
        readers.add(reader);
        return reader;
    }

    private MessageLine line(Duration parkTimeout) {
        MqttSettings settings = new MqttSettings("bridge-test", Duration.ofHours(1), parkTimeout, Duration.ofMillis(20),
                () -> null, "", "");
        return new MessageLine("tcp://test:1883", settings, readers, (broker, topic, payload) -> refused.add(topic),
                acknowledged::add, bridgeRunning::get, timer, "mqtt-test", stage);
    }

    private static MqttMessage message(int seq) {
        MqttMessage message = new MqttMessage(("{\"sensorId\":\"cnc03-spindle-temp\",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8));
        message.setId(seq);
        message.setQos(1);
        return message;
    }

    /** An entry reading a topic: each message waits for the test to say whether the entry took it. */
    private static final class Reader implements TopicReader {
        final TopicFilter filter;
        /** What the entry answers, in turn; once none are left a message waits in {@link #pending}. */
        final Queue<Boolean> answers = new ConcurrentLinkedQueue<>();
        final Queue<CompletableFuture<Boolean>> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger calls = new AtomicInteger();

        Reader(TopicFilter filter) {
            this.filter = filter;
        }

        @Override
        public TopicFilter filter() {
            return filter;
        }

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public CompletableFuture<Boolean> process(String topic, byte[] payload) {
            calls.incrementAndGet();
            Boolean answer = answers.poll();
            if (answer != null) {
                return CompletableFuture.completedFuture(answer);
            }
            CompletableFuture<Boolean> outcome = new CompletableFuture<>();
            pending.add(outcome);
            return outcome;
        }
    }
}
