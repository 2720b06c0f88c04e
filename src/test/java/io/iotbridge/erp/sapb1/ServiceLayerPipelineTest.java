package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.sandbox.sapb1.ServiceLayerSandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole bridge (embedded brokers, the simulated line and device) with the SAP module on the
 * Service Layer, its default: every document kind ends in the Service Layer sandbox as the entity
 * SAP documents, a refusal dead-letters the readings with SAP's message, an ended session costs a
 * Login and no document, the JSON facade works over it.
 */
class ServiceLayerPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.erp.sap-b1.transport", "service-layer").withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            ServiceLayerSandbox sandbox = sandbox();
            bridge.close();
            // the bridge logs out when it stops: SAP holds a licence per open session
            assertThat(sandbox.logouts()).as("Logout at shutdown").isPositive();
            assertThat(sandbox.openSessions()).isZero();
        }
    }

    @Test
    void meterWindowsArriveAsRowsOfTheUserTable() throws Exception {
        JsonNode record = awaitRecord("press07-temp", "meter");
        JsonNode row = JSON.readTree(record.path("body").asText());

        assertThat(record.path("url").asText()).isEqualTo(sandbox().address() + "/b1s/v2/U_IOT_METER");
        assertThat(record.path("method").asText()).isEqualTo("POST");
        assertThat(record.path("headers").path("Cookie").asText()).startsWith("B1SESSION=****");
        assertThat(record.path("status").asInt()).isEqualTo(201);
        assertThat(row.path("Code").asText()).isEqualTo(record.path("key").asText()).startsWith("press07-temp@");
        assertThat(row.path("U_Unit").asText()).isEqualTo("Cel");
        assertThat(row.path("U_ReadingIds").asText().split(" ")).containsExactlyElementsOf(readingIds(record));
        assertThat(bridge.management("/observe/metrics").body()).containsPattern(
                "iotbridge_erp_documents_delivered_total\\{[^}]*erp=\"sap-b1\"[^}]*kind=\"meter\"[^}]*} [1-9]");
    }

    @Test
    void partCountersArriveAsReceiptsFromProductionAgainstTheOrderInProgress() throws Exception {
        JsonNode record = awaitRecord("press07-parts", "counter");
        JsonNode doc = JSON.readTree(record.path("body").asText());

        assertThat(record.path("url").asText()).endsWith("/b1s/v2/InventoryGenEntries");
        assertThat(record.path("key").asText()).as("SAP's DocEntry").matches("\\d+");
        assertThat(doc.path("U_IotKey").asText()).startsWith("counter:press07-parts@");
        JsonNode line = doc.path("DocumentLines").get(0);
        // the order the Service Layer's ProductionOrders query answered for PRESS-07
        assertThat(line.path("BaseType").asInt()).isEqualTo(202);
        assertThat(line.path("BaseEntry").asInt()).isEqualTo(4711);
        assertThat(line.path("ItemCode").asText()).isEqualTo("FG-100");
        assertThat(line.path("TransactionType").asText()).isEqualTo("botrntComplete");
        assertThat(sandbox().workOrderQueries()).isPositive();
    }

    @Test
    void aTemperatureExcursionRaisesOneServiceCall() throws Exception {
        String node = LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE);
        LineSimulator line = bridge.context().getRegistry().lookupByNameAndType(EmbeddedServices.LINE_SIMULATOR,
                LineSimulator.class);
        line.setValue(node, 86.5, StatusCode.GOOD);
        try {
            JsonNode record = awaitRecord("press07-temp-alert", "alert");
            JsonNode call = JSON.readTree(record.path("body").asText());
            assertThat(record.path("url").asText()).endsWith("/b1s/v2/ServiceCalls");
            assertThat(record.path("key").asText()).as("SAP's ServiceCallID").matches("\\d+");
            assertThat(call.path("CustomerCode").asText()).isEqualTo("C20000");
            assertThat(call.path("ItemCode").asText()).isEqualTo("PRESS-07");
            assertThat(call.path("Subject").asText()).contains("above 79 Cel on PRESS-07: 86.5 Cel");
        } finally {
            line.resume(node);
        }
    }

    @Test
    void aDocumentSapRefusesIsDeadLetteredWithSapsMessage() throws Exception {
        String cause = "Value too long in property 'U_Unit' (" + UUID.randomUUID() + ")";
        sandbox().rejectNext(1, cause, "meter");

        AtomicReference<List<JsonNode>> refused = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            refused.set(deadLetters().stream().filter(d -> d.path("reason").asText().contains(cause)).toList());
            assertThat(refused.get()).isNotEmpty();
        });
        assertThat(refused.get()).allSatisfy(d -> assertThat(d.path("erp").asText()).isEqualTo("sap-b1"));
        List<String> ids = refused.get().stream().map(d -> d.path("id").asText()).toList();
        assertThat(bridge.sandboxDocuments("sap-b1")).allSatisfy(d ->
                assertThat(readingIds(d)).doesNotContainAnyElementsOf(ids));
    }

    @Test
    void anEndedSessionCostsOneLoginAndNoDocument() throws Exception {
        awaitRecord("press08-temp", "meter");
        int logins = sandbox().logins();
        int before = bridge.sandboxDocuments("sap-b1").size();
        sandbox().expireSessions();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(bridge.sandboxDocuments("sap-b1").size()).isGreaterThan(before + 2));
        assertThat(sandbox().logins()).isGreaterThan(logins);
        assertThat(sandbox().openSessions()).isOne();
    }

    @Test
    void theJsonFacadeFilesAServiceCallAndAnswersTheProductionOrderOverTheServiceLayer() throws Exception {
        String call = "{\"machineId\":\"PRESS-08\",\"subject\":\"Guard switch loose\",\"requestId\":\"mes-sl-1\"}";

        HttpResponse<String> first = bridge.postJson("/erp/sap-b1/service-calls", call);
        HttpResponse<String> again = bridge.postJson("/erp/sap-b1/service-calls", call);
        HttpResponse<String> order = bridge.api("GET", "/erp/sap-b1/production-orders/PRESS-08");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> d.path("body").asText().contains("Guard switch loose")).toList()).hasSize(1);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
        assertThat(JSON.readTree(order.body()).path("productionOrder").asText()).isEqualTo("4712");
    }

    private static ServiceLayerSandbox sandbox() {
        return bridge.context().getRegistry().lookupByNameAndType("sapB1ServiceLayerSandbox", ServiceLayerSandbox.class);
    }

    private static JsonNode awaitRecord(String sensorId, String kind) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            found.set(bridge.sandboxDocuments("sap-b1").stream()
                    .filter(d -> d.path("kind").asText().equals(kind))
                    .filter(d -> readingIds(d).stream().anyMatch(id -> id.startsWith(sensorId + ":")))
                    .findFirst().orElse(null));
            assertThat(found.get()).as("%s document of %s", kind, sensorId).isNotNull();
        });
        return found.get();
    }

    private static List<JsonNode> deadLetters() throws Exception {
        HttpResponse<String> response = bridge.api("GET", "/dead-letters");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(response.body()).forEach(list::add);
        return list;
    }

    private static List<String> readingIds(JsonNode record) {
        List<String> ids = new ArrayList<>();
        record.path("readingIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
