package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.iotbridge.BridgeHarness;
import io.iotbridge.faults.PrivateRabbitMq;
import io.iotbridge.historian.HistorianDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many meter readings per AMQP message (ReadingBatches, Windows#takeBatch), on a RabbitMQ node of
 * the test's own and the bridge's SAP B1 sandbox: fewer messages than readings reach a queue
 * bound to iot.readings and every reading is booked once; a batch's bad line alone goes to
 * erp.sap-b1.dlq with its reason; a single-reading message (an older bridge's) is still booked;
 * the historian stores the readings of batches.
 */
class BatchedReadingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENSOR = "press07-energy";
    private static final String ROUTING_KEY = "sap-b1.meter.PRESS-07";
    private static final String TAP = "test.batches";
    /** Seqs of this run's readings: ids no other test's reading has. */
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private static PrivateRabbitMq rabbit;
    private static BridgeHarness bridge;
    private static String historianUrl;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateRabbitMq.available(), "rabbitmq-server is not installed");
        rabbit = new PrivateRabbitMq().start();
        historianUrl = HistorianDatabases.create();
        bridge = new BridgeHarness()
                .with("bridge.rabbitmq.url", rabbit.url())
                .with("bridge.embedded.http-device", "false")
                .with("bridge.meter.window", "2s")
                .with("bridge.meter.grace", "1s")
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.jdbc-url", historianUrl)
                .with("bridge.historian.user", "postgres")
                .with("bridge.historian.batch-interval", "200")
                .withoutMqtt()
                .start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.url());
        connection = factory.newConnection("batched-readings-test");
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(TAP, true, false, false, Map.of());
            channel.queueBind(TAP, RabbitTopology.READINGS_EXCHANGE, ROUTING_KEY);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (historianUrl != null) {
            HistorianDatabases.drop(historianUrl);
        }
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void manyReadingsTravelInFewerMessagesAndEachIsBookedOnceAndStoredByTheHistorian() throws Exception {
        int n = 450;
        Instant base = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            long seq = SEQ.incrementAndGet();
            Instant ts = base.plusMillis(20L * i);
            ids.add(SENSOR + ":" + ts.toEpochMilli() + ":" + seq);
            body.append(i == 0 ? "" : ",").append(reading(1.0 + i, ts, seq));
        }
        assertThat(bridge.postJson("/readings", body.append("]").toString()).statusCode()).isEqualTo(202);

        Awaitility.await("every reading booked in SAP B1").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> booked(ids).size() >= n);
        assertThat(booked(ids)).as("each reading booked exactly once").hasSize(n).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);

        // the copy the tap queue took: fewer messages than readings, every reading in one of them
        int messages = 0;
        List<String> published = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse r;
            while ((r = channel.basicGet(TAP, true)) != null) {
                List<String> mine = readingIds(r).stream().filter(ids::contains).toList();
                if (!mine.isEmpty()) {
                    messages++;
                    published.addAll(mine);
                    if (r.getProps().getHeaders().containsKey(BatchMessage.COUNT)) {
                        assertThat(r.getProps().getHeaders()).containsEntry(BatchMessage.COUNT, readingIds(r).size());
                    }
                }
            }
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(messages).as("messages carrying %d readings", n).isLessThan(n).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theHistorianStoresTheReadingsOfBatches() throws Exception {
        Instant base = Instant.now().minusSeconds(80).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            long seq = SEQ.incrementAndGet();
            Instant ts = base.plusMillis(10L * i);
            ids.add(SENSOR + ":" + ts.toEpochMilli() + ":" + seq);
            body.append(i == 0 ? "" : ",").append(reading(7.0 + i, ts, seq));
        }
        assertThat(bridge.postJson("/readings", body.append("]").toString()).statusCode()).isEqualTo(202);
        String query = "/historian/readings?limit=1000&sensorId=" + SENSOR + "&from=" + enc(base.toString()) + "&to="
                + enc(base.plusSeconds(1).toString());
        Awaitility.await("the historian stored every reading of the batches").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> historianIds(query).containsAll(ids));
        assertThat(historianIds(query)).filteredOn(ids::contains).hasSize(ids.size());
    }

    @Test
    void aBadLineOfABatchAloneGoesToTheDeadLettersWithItsReasonAndTheOthersAreBooked() throws Exception {
        Instant ts = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        long s1 = SEQ.incrementAndGet();
        long s2 = SEQ.incrementAndGet();
        long s3 = SEQ.incrementAndGet();
        String good1 = SENSOR + ":" + ts.toEpochMilli() + ":" + s1;
        String bad = SENSOR + ":" + ts.plusMillis(10).toEpochMilli() + ":" + s2;
        String good2 = SENSOR + ":" + ts.plusMillis(20).toEpochMilli() + ":" + s3;
        String badReading = reading(2.0, ts.plusMillis(10), s2).replace("\"value\":2.0", "\"value\":\"two\"");
        String lines = String.join("\n", line(good1, reading(1.0, ts, s1)), line(bad, badReading),
                "this line is no JSON", line(good2, reading(3.0, ts.plusMillis(20), s3)));
        publish("batch:test-" + s1, lines, Map.of(BatchMessage.COUNT, 4, "iotKind", "meter"));

        Awaitility.await("the good readings of the batch booked").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> booked(List.of(good1, good2)).size() == 2);
        Awaitility.await("the bad lines dead-lettered").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> deadLetters().containsKey(bad) && deadLetters().containsKey("batch:test-" + s1 + "#3"));
        Map<String, JsonNode> dead = deadLetters();
        assertThat(dead.get(bad).path("reason").asText()).contains("invalid-field").contains("'value' is not a number");
        assertThat(dead.get(bad).path("payload").asText()).isEqualTo(JSON.readTree(badReading).toString());
        assertThat(dead.get("batch:test-" + s1 + "#3").path("reason").asText()).contains("unparseable").contains("not JSON");
        assertThat(dead).doesNotContainKeys(good1, good2, "batch:test-" + s1);
        assertThat(booked(List.of(good1, good2, bad))).containsExactlyInAnyOrder(good1, good2);
    }

    @Test
    void aSingleReadingMessageOfAnOlderBridgeIsStillBooked() throws Exception {
        Instant ts = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        long seq = SEQ.incrementAndGet();
        String id = SENSOR + ":" + ts.toEpochMilli() + ":" + seq;
        Map<String, Object> headers = new HashMap<>(headersOf(id));
        publish(id, reading(5.0, ts, seq), headers);
        Awaitility.await("the single reading booked").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> booked(List.of(id)).size() == 1);
    }

    @Test
    void aBatchTheBrokerDeadLetteredIsListedAndItsReplayBooksEachReading() throws Exception {
        Instant ts = Instant.now().minusSeconds(100).truncatedTo(ChronoUnit.MILLIS);
        long s1 = SEQ.incrementAndGet();
        long s2 = SEQ.incrementAndGet();
        String id1 = SENSOR + ":" + ts.toEpochMilli() + ":" + s1;
        String id2 = SENSOR + ":" + ts.plusMillis(10).toEpochMilli() + ":" + s2;
        String batchId = "batch:test-dead-" + s1;
        // a whole batch in erp.sap-b1.dlq without the bridge's reason (as RabbitMQ's own dead-lettering
        // leaves it), with the routing key it came with
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(batchId).deliveryMode(2)
                    .contentType(BatchMessage.CONTENT_TYPE).headers(Map.of(BatchMessage.COUNT, 2, "iotKind", "meter", Deliveries.ROUTING_KEY, ROUTING_KEY)).build();
            String lines = line(id1, reading(1.0, ts, s1)) + "\n" + line(id2, reading(2.0, ts.plusMillis(10), s2));
            channel.basicPublish(RabbitTopology.DEAD_LETTER_EXCHANGE, RabbitTopology.erpQueue("sap-b1"), true, props,
                    lines.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
        Awaitility.await("the batch listed as a dead letter").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> deadLetters().containsKey(batchId));
        assertThat(BatchMessage.lines(deadLetters().get(batchId).path("payload").asText()))
                .extracting(BatchMessage.Line::readingId).containsExactly(id1, id2);

        assertThat(bridge.api("POST", "/dead-letters/" + batchId + "/replay").statusCode()).isEqualTo(202);
        Awaitility.await("each reading of the replayed batch booked").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> booked(List.of(id1, id2)).size() == 2);
        assertThat(deadLetters()).doesNotContainKey(batchId);
    }

    /** A batch line as the bridge writes it: the reading with the headers a reading of press07-energy carries. */
    private static String line(String id, String reading) throws Exception {
        ObjectNode line = JSON.createObjectNode();
        line.set("headers", JSON.valueToTree(headersOf(id)));
        line.set("reading", JSON.readTree(reading));
        return line.toString();
    }

    private static Map<String, Object> headersOf(String id) {
        Map<String, Object> h = new HashMap<>();
        h.put("iotKind", "meter");
        h.put("iotField", "energy");
        h.put("iotFieldUnit", "kW.h");
        h.put("iotSensorId", SENSOR);
        h.put("iotMessageId", id);
        h.put("iotReceivedAt", Instant.now().toString());
        return h;
    }

    private static void publish(String messageId, String body, Map<String, Object> headers) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2)
                    .contentType("application/json").headers(headers).build();
            channel.basicPublish(RabbitTopology.READINGS_EXCHANGE, ROUTING_KEY, true, props, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    /** Of {@code ids}, those found in SAP B1 meter documents, once per document that carries them. */
    private static List<String> booked(List<String> ids) throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode d : bridge.sandboxDocuments("sap-b1")) {
            d.path("readingIds").forEach(id -> {
                if (ids.contains(id.asText())) {
                    found.add(id.asText());
                }
            });
        }
        return found;
    }

    private static Map<String, JsonNode> deadLetters() throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        bridge.getJson("/dead-letters?limit=1000").forEach(d -> byId.put(d.path("id").asText(), d));
        return byId;
    }

    private static List<String> historianIds(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        bridge.getJson(query).forEach(r -> ids.add(r.path("readingId").asText()));
        return ids;
    }

    /** The ids of the readings a message carries: a batch's lines, or the single reading's message id. */
    private static List<String> readingIds(GetResponse r) {
        if (r.getProps().getHeaders() == null || r.getProps().getHeaders().get(BatchMessage.COUNT) == null) {
            return List.of(r.getProps().getMessageId());
        }
        List<String> ids = new ArrayList<>();
        for (BatchMessage.Line line : BatchMessage.lines(new String(r.getBody(), StandardCharsets.UTF_8))) {
            ids.add(line.readingId());
        }
        return ids;
    }

    private static String reading(double value, Instant ts, long seq) {
        return """
                {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"kW.h","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(SENSOR, value, ts, seq);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
