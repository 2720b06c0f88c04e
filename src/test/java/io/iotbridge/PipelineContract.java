package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.erp.sapb1.SapB1DocumentAssert;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import io.iotbridge.sandbox.sapb1.ServiceLayerSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/**
 * What the whole pipeline must do, whichever brokers it runs on: readings from the OPC UA line
 * and from the MQTT device end as validated documents in the SAP B1 sandbox of the module's transport
 * (Service Layer rows or DI Server AddObject commands), and a
 * malformed payload ends in iot.rejected with its reason while the next reading still arrives;
 * part counters and a temperature excursion arrive as counter and alert documents in every ERP.
 */
abstract class PipelineContract {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    protected abstract BridgeHarness bridge();

    /** Where the bridge's AMQP broker is, as amqp://user:pass@host:port. */
    protected abstract String amqpUrl();

    /** Where the bridge's MQTT broker is, as tcp://host:port. */
    protected abstract String mqttUrl();

    /** The OPC UA line simulator the bridge reads, to drive a node by hand. */
    protected abstract LineSimulator line();

    @Test
    void partCountersArriveInEveryErpAsProductionReports() throws Exception {
        JsonNode sap = awaitDocument("sap-b1", "press07-parts", "counter");
        assertThat(sap.get("key").asText()).as("SAP's DocEntry").matches("\\d+");
        if (SapB1DocumentAssert.isJson(sap.get("body").asText())) {
            JsonNode receipt = JSON.readTree(sap.get("body").asText());
            assertThat(sap.get("url").asText()).endsWith("/InventoryGenEntries");
            assertThat(receipt.path("U_IotKey").asText()).startsWith("counter:press07-parts@");
            assertThat(receipt.at("/DocumentLines/0/BaseType").asInt()).isEqualTo(202);
            assertThat(receipt.at("/DocumentLines/0/BaseEntry").asInt()).isEqualTo(4711);
            assertThat(receipt.at("/DocumentLines/0/ItemCode").asText()).isEqualTo("FG-100");
            assertThat(receipt.at("/DocumentLines/0/TransactionType").asText()).isEqualTo("botrntComplete");
        } else {
            assertThat(sap.get("body").asText()).contains("<Object>oInventoryGenEntry</Object>", "<BaseType>202</BaseType>",
                    "<BaseEntry>4711</BaseEntry>", "<ItemCode>FG-100</ItemCode>", "botrntComplete",
                    "<U_IotKey>counter:press07-parts@");
        }

        JsonNode d365 = awaitDocument("dynamics365", "press08-parts-d365", "counter");
        assertThat(d365.get("key").asText()).startsWith("counter:press08-parts-d365@");
        JsonNode envelope = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d365.get("body").asText());
        assertThat(envelope.get("_messageType").asText()).isEqualTo("ProdProductionOrderReportFinished");
        assertThat(envelope.get("_messageContent").asText()).contains("\"ProductionOrderNumber\":\"P000123\"");

        JsonNode infor = awaitDocument("infor", "press08-parts-infor", "counter");
        assertThat(infor.get("key").asText()).startsWith("counter:press08-parts-infor@");
        assertThat(infor.get("body").asText()).contains("<SyncEmployeeTimesheet", "<CompletedQuantity");
    }

    @Test
    void aTemperatureExcursionRaisesOneAlertInEveryErp() throws Exception {
        String node = LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE);
        line().setValue(node, 86.5, StatusCode.GOOD);
        try {
            JsonNode sap = awaitDocument("sap-b1", "press07-temp-alert", "alert");
            if (SapB1DocumentAssert.isJson(sap.get("body").asText())) {
                JsonNode call = JSON.readTree(sap.get("body").asText());
                assertThat(sap.get("url").asText()).endsWith("/ServiceCalls");
                assertThat(call.path("CustomerCode").asText()).isEqualTo("C20000");
                assertThat(call.path("ItemCode").asText()).isEqualTo("PRESS-07");
                assertThat(call.path("Subject").asText()).contains("above 79 Cel on PRESS-07: 86.5 Cel");
                assertThat(call.path("U_IotKey").asText()).startsWith("alert:press07-temp-alert:");
            } else {
                assertThat(sap.get("body").asText()).contains("<Object>oServiceCalls</Object>", "<CustomerCode>C20000</CustomerCode>",
                        "<ItemCode>PRESS-07</ItemCode>", "above 79 Cel on PRESS-07: 86.5 Cel", "<U_IotKey>alert:press07-temp-alert:");
            }
            JsonNode d365 = awaitDocument("dynamics365", "press07-temp-alert-d365", "alert");
            assertThat(d365.get("key").asText()).isEqualTo("alert:" + readingIds(d365).get(0));
            assertThat(d365.get("body").asText()).contains("<ENTASSETREQUESTENTITY>", "<VALUE>86.5</VALUE>", "<THRESHOLD>79</THRESHOLD>");
            JsonNode infor = awaitDocument("infor", "press07-temp-alert-infor", "alert");
            assertThat(infor.get("body").asText()).contains("<ProcessMaintenanceOrder", "<ID>PRESS-07</ID>");
        } finally {
            line().resume(node);
        }
        // the value stayed over the threshold: still one alert per sensor (one excursion)
        for (String erp : List.of("sap-b1", "dynamics365", "infor")) {
            assertThat(bridge().sandboxDocuments(erp).stream()
                    .filter(d -> d.get("kind").asText().equals("alert")).toList()).as(erp).hasSize(1);
        }
    }

    @Test
    void readingsFromOpcUaAndMqttArriveInSapB1AsValidatedDocuments() throws Exception {
        AtomicReference<List<JsonNode>> documents = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            documents.set(bridge().sandboxDocuments("sap-b1"));
            assertThat(documentFor(documents.get(), "press07-temp")).as("document from the OPC UA sensor").isPresent();
            assertThat(documentFor(documents.get(), "cnc03-spindle-temp")).as("document from the MQTT sensor").isPresent();
        });
        for (String sensor : List.of("press07-temp", "cnc03-spindle-temp")) {
            JsonNode record = documentFor(documents.get(), sensor).orElseThrow();
            assertThat(record.get("erp").asText()).isEqualTo("sap-b1");
            assertThat(record.get("kind").asText()).isEqualTo("meter");
            assertThat(record.get("key").asText()).isNotBlank();
            assertThat(Instant.parse(record.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            SapB1DocumentAssert.assertMeterDocument(record.get("body").asText(), sensor, readingIds(record));
        }
        // the catalogue books the spindle temperature (published in Cel, 40..60) in [degF]; a shared
        // external queue may still hold readings another bridge buffered, hence "some document"
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge().sandboxDocuments("sap-b1")).anySatisfy(d -> {
                    assertThat(readingIds(d)).anySatisfy(id -> assertThat(id).startsWith("cnc03-spindle-temp:"));
                    String body = d.get("body").asText();
                    assertThat(SapB1DocumentAssert.meterField(body, "U_Unit")).isEqualTo("[degF]");
                    assertThat(Double.parseDouble(SapB1DocumentAssert.meterField(body, "U_Avg"))).isBetween(104.0, 140.0);
                }));

        var health = bridge().management("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        String metrics = bridge().management("/observe/metrics").body();
        assertThat(metrics).containsPattern("iotbridge_readings_received_total\\{[^}]*source=\"opcua\"[^}]*} [1-9]")
                .containsPattern("iotbridge_readings_received_total\\{[^}]*source=\"mqtt\"[^}]*} [1-9]")
                .containsPattern("iotbridge_erp_documents_delivered_total\\{[^}]*erp=\"sap-b1\"[^}]*kind=\"meter\"[^}]*} [1-9]")
                .containsPattern("iotbridge_reading_to_erp_seconds_count\\{[^}]*erp=\"sap-b1\"[^}]*} [1-9]")
                .contains("iotbridge_reading_to_erp_seconds_bucket{");
    }

    @Test
    void readingsFromOpcUaArriveInInforAsValidatedSyncSensorReadingBods() throws Exception {
        JsonNode record = awaitDocument("infor", "press08-temp-infor");
        assertThat(record.get("key").asText()).startsWith("press08-temp-infor@");
        String body = record.get("body").asText();
        io.iotbridge.erp.infor.InforContract.validator()
                .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(body)));
        assertThat(body).contains("<SyncSensorReading", "<BODID>infor-nid:", "?SensorReading&amp;verb=Sync");
        assertThat(readingIds(record)).isNotEmpty()
                .allSatisfy(id -> assertThat(body).contains("<ReadingID>" + id + "</ReadingID>"));
    }

    @Test
    void meterReadingsArriveInDynamics365AsValidatedEntityDocuments() throws Exception {
        JsonNode record = awaitDocument("dynamics365", "press08-vib-d365");
        assertThat(record.get("key").asText()).startsWith("meter:press08-vib-d365@");
        String body = record.get("body").asText();
        io.iotbridge.erp.dynamics365.Dynamics365Schema.parseAndValidate(body);
        assertThat(readingIds(record)).isNotEmpty().allSatisfy(id -> assertThat(body).contains(id));
    }

    private JsonNode awaitDocument(String erp, String sensorId) throws Exception {
        return awaitDocument(erp, sensorId, "meter");
    }

    /** Waits for a document of the sensor in the ERP's sandbox, checks its record and the metric. */
    private JsonNode awaitDocument(String erp, String sensorId, String kind) throws Exception {
        AtomicReference<JsonNode> document = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            document.set(documentFor(bridge().sandboxDocuments(erp), sensorId).orElse(null));
            assertThat(document.get()).as("%s document from sensor %s", erp, sensorId).isNotNull();
        });
        JsonNode record = document.get();
        assertThat(record.get("erp").asText()).isEqualTo(erp);
        assertThat(record.get("kind").asText()).isEqualTo(kind);
        assertThat(readingIds(record)).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith(sensorId + ":"));
        // the sink counts the document once the ERP's answer is back, a moment after the sandbox recorded it
        await("delivered counted").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bridge().management("/observe/metrics").body()).containsPattern(
                        "iotbridge_erp_documents_delivered_total\\{[^}]*erp=\"" + erp + "\"[^}]*kind=\"" + kind + "\"[^}]*} [1-9]"));
        return record;
    }

    @Test
    void malformedMqttPayloadIsRejectedWithItsReasonAndTheNextReadingStillArrives() throws Exception {
        String garbage = "not a reading " + UUID.randomUUID();
        publish("plant/line1/CNC-03/spindle-temp", garbage);

        Message rejected = awaitRejected(garbage);
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("unparseable");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("not JSON");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotSensorId")).isEqualTo("cnc03-spindle-temp");
        assertThat(bridge().management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"unparseable\"[^}]*} [1-9]");

        // the next good reading still makes it all the way to the ERP
        long seq = System.nanoTime();
        Instant ts = Instant.now();
        publish("plant/line1/CNC-03/spindle-temp", """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":47.5,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(ts, seq));
        String readingId = "cnc03-spindle-temp:" + ts.toEpochMilli() + ":" + seq;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge().sandboxDocuments("sap-b1"))
                        .anySatisfy(d -> assertThat(readingIds(d)).contains(readingId)));
    }

    @Test
    void aBareNumberOnAPlainFormTopicIsReadInTheCataloguesUnitAndConverted() throws Exception {
        // below the 300 to 400 kPa the simulated device publishes on the same topic, so it is its window's minimum
        publish("plant/line1/CNC-03/coolant-pressure", "123.4");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> minima = new java.util.ArrayList<>();
            for (JsonNode document : bridge().sandboxDocuments("sap-b1")) {
                if (readingIds(document).stream().anyMatch(id -> id.startsWith("cnc03-coolant-pressure:"))) {
                    String body = document.get("body").asText();
                    assertThat(SapB1DocumentAssert.meterField(body, "U_Unit")).isEqualTo("bar");
                    minima.add(SapB1DocumentAssert.meterField(body, "U_Min"));
                }
            }
            assertThat(minima.stream().map(Double::parseDouble)).contains(1.234);
        });
    }

    @Test
    void transientErpFailuresDelayDocumentsButLoseAndDoubleNoWindow() throws Exception {
        SapB1Faults sandbox = sapB1Sandbox();
        long windowMillis = 2_000;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !windowStarts(bridge().sandboxDocuments("sap-b1"), "press07-temp").isEmpty());
        Instant injected = Instant.now();
        sandbox.failNext(3);
        long from = injected.toEpochMilli() / windowMillis * windowMillis;
        long until = from + 4 * windowMillis;
        // a retried document arrives after later windows did; wait until the gap has closed
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> documents = bridge().sandboxDocuments("sap-b1");
            List<Long> around = windowStarts(documents, "press07-temp").stream()
                    .filter(w -> w >= from && w <= until).distinct().sorted().toList();
            assertThat(around).as("every window around the failures delivered")
                    .containsExactly(from, from + windowMillis, from + 2 * windowMillis, from + 3 * windowMillis, until);
            List<String> ids = documents.stream().filter(d -> d.get("key").asText().startsWith("press07-temp@"))
                    .flatMap(d -> readingIds(d).stream()).toList();
            assertThat(ids).as("no reading booked twice").doesNotHaveDuplicates();
        });
        assertThat(sandbox.pendingFailures()).as("the bridge did run into the injected failures").isZero();
        assertThat(bridge().management("/observe/metrics").body()).containsPattern(
                "iotbridge_erp_delivery_failures_total\\{[^}]*class=\"transient\"[^}]*erp=\"sap-b1\"[^}]*} [1-9]");
    }

    @Test
    void aDocumentTheErpRefusesIsDeadLetteredWithItsReasonAndReplayedOnceTheCauseIsFixed() throws Exception {
        // unique per run: a real broker's dead-letter queue may still hold an earlier run's refusals
        String cause = "Customer C20000 is inactive (" + UUID.randomUUID() + ")";
        sapB1Sandbox().rejectNext(1, cause, "meter");
        AtomicReference<List<JsonNode>> refused = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            refused.set(deadLetters().stream()
                    .filter(d -> d.get("reason").asText().contains(cause)).toList());
            assertThat(refused.get()).isNotEmpty();
        });
        JsonNode first = refused.get().get(0);
        assertThat(first.get("erp").asText()).isEqualTo("sap-b1");
        assertThat(first.get("id").asText()).matches("[^:]+:\\d+:\\d+");
        assertThat(first.get("deadLetteredAt").asText()).isNotBlank();
        assertThat(first.get("payload").asText()).contains(first.get("id").asText().split(":")[0]);
        List<String> refusedIds = refused.get().stream().map(d -> d.get("id").asText()).toList();
        // a refused reading was not booked
        assertThat(bridge().sandboxDocuments("sap-b1")).allSatisfy(d ->
                assertThat(readingIds(d)).doesNotContainAnyElementsOf(refusedIds));
        assertThat(bridge().management("/observe/metrics").body()).containsPattern(
                "iotbridge_erp_delivery_failures_total\\{[^}]*class=\"permanent\"[^}]*erp=\"sap-b1\"[^}]*} [1-9]");

        // the cause is fixed (rejectNext was one document): replay delivers the document once
        // a dead letter another call is listing at that instant is briefly not found; ask again then
        AtomicReference<java.net.http.HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer.set(bridge().api("POST", "/dead-letters/" + first.get("id").asText() + "/replay"));
            return answer.get().statusCode() == 202;
        });
        var replay = answer.get();
        assertThat(replay.body()).contains(first.get("id").asText());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge().sandboxDocuments("sap-b1").stream()
                        .filter(d -> readingIds(d).contains(first.get("id").asText()))).hasSize(1));
        assertThat(deadLetters()).noneSatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(first.get("id").asText()));
        assertThat(bridge().api("POST", "/dead-letters/no-such-reading:1:0/replay").statusCode()).isEqualTo(404);
    }

    private List<JsonNode> deadLetters() throws Exception {
        var response = bridge().api("GET", "/dead-letters");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).forEach(list::add);
        return list;
    }

    /** The faults of the SAP B1 sandbox the module's transport talks to. */
    private record SapB1Faults(IntConsumer failer, IntSupplier pending, Rejecter rejecter) {

        void rejectNext(int n, String message, String kind) {
            rejecter.rejectNext(n, message, kind);
        }

        void failNext(int n) {
            failer.accept(n);
        }

        int pendingFailures() {
            return pending.getAsInt();
        }
    }

    private interface Rejecter {
        void rejectNext(int n, String message, String kind);
    }

    private SapB1Faults sapB1Sandbox() {
        var registry = bridge().context().getRegistry();
        if ("service-layer".equals(bridge().property("bridge.erp.sap-b1.transport"))) {
            ServiceLayerSandbox sl = registry.lookupByNameAndType("sapB1ServiceLayerSandbox", ServiceLayerSandbox.class);
            return new SapB1Faults(sl::failNext, sl::pendingFailures, sl::rejectNext);
        }
        SapB1Sandbox di = registry.lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class);
        return new SapB1Faults(di::failNext, di::pendingFailures, di::rejectNext);
    }

    private static List<Long> windowStarts(List<JsonNode> documents, String sensorId) {
        // keys are <sensorId>@<window start ms>.<offset of the document's earliest reading>
        return documents.stream().map(d -> d.get("key").asText())
                .filter(k -> k.startsWith(sensorId + "@"))
                .map(k -> Long.parseLong(k.substring(sensorId.length() + 1).split("\\.")[0])).toList();
    }

    @Test
    void readingBelowAbsoluteZeroIsRejectedAsOutOfRange() throws Exception {
        String payload = """
                {"sensorId":"cnc03-spindle-temp","machineId":"CNC-03","value":-300,"unit":"Cel",
                 "ts":"%s","quality":"GOOD","source":"mqtt","seq":%d}""".formatted(Instant.now(), System.nanoTime());
        publish("plant/line1/CNC-03/spindle-temp", payload);

        Message rejected = awaitRejected(payload);
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectReason")).isEqualTo("out-of-range");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotRejectMessage")).contains("below absolute zero");
        assertThat(rejected.getMessageProperties().<String>getHeader("iotSensorId")).isEqualTo("cnc03-spindle-temp");
        assertThat(bridge().management("/observe/metrics").body())
                .containsPattern("iotbridge_readings_rejected_total\\{[^}]*reason=\"out-of-range\"[^}]*} [1-9]");
    }

    private Message awaitRejected(String payload) {
        return RejectedReadings.await(amqpUrl(), payload);
    }

    private void publish(String topic, String payload) throws Exception {
        MqttPublish.once(mqttUrl(), topic, payload);
    }

    private static Optional<JsonNode> documentFor(List<JsonNode> documents, String sensorId) {
        return documents.stream()
                .filter(d -> readingIds(d).stream().anyMatch(id -> id.startsWith(sensorId + ":")))
                .findFirst();
    }

    private static List<String> readingIds(JsonNode record) {
        List<String> ids = new java.util.ArrayList<>();
        record.get("readingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
