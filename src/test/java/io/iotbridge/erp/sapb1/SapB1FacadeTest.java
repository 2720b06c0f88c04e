package io.iotbridge.erp.sapb1;

import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.BridgeHarness;
import io.iotbridge.faults.ScenarioRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON facade over the DI Server (transport di-server), against the SOAP sandbox over real HTTP: JSON in, the DI
 * Server's envelopes behind, JSON out. No sensors run, so every Service Call in the sandbox is
 * one the facade filed.
 */
class SapB1FacadeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.routes.dir", ScenarioRoutes.copy(temp.resolve("routes")).toString())
                .withoutMqtt().start();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void filesAServiceCallOnceHoweverOftenTheSameRequestComes() throws Exception {
        String call = "{\"machineId\":\"PRESS-07\",\"subject\":\"Oil leak at the ram\",\"requestId\":\"mes-4711-1\"}";

        HttpResponse<String> first = bridge.postJson("/erp/sap-b1/service-calls", call);
        HttpResponse<String> again = bridge.postJson("/erp/sap-b1/service-calls", call);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).path("object").asText()).isEqualTo("oServiceCalls");
        assertThat(again.statusCode()).as("a repeated request is answered, not refused").isEqualTo(201);
        List<JsonNode> filed = bridge.sandboxDocuments("sap-b1").stream()
                .filter(d -> d.path("body").asText().contains("Oil leak at the ram")).toList();
        assertThat(filed).as("one Service Call in SAP").hasSize(1);
        assertThat(filed.get(0).path("body").asText()).contains("<ItemCode>PRESS-07</ItemCode>")
                .contains("request:mes-4711-1");
    }

    @Test
    void aBadRequestNamesEachField() throws Exception {
        HttpResponse<String> answer = bridge.postJson("/erp/sap-b1/service-calls", "{\"subject\":\"\",\"requestId\":\"a b\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("errors").toString()).contains("machineId").contains("subject")
                .contains("requestId");
    }

    @Test
    void aBusinessRejectionComesBackWithSapsOwnMessage() throws Exception {
        bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class)
                .rejectNext(1, "Customer C20000 is inactive", "alert");

        HttpResponse<String> answer = bridge.postJson("/erp/sap-b1/service-calls",
                "{\"machineId\":\"PRESS-08\",\"subject\":\"Guard switch\",\"requestId\":\"mes-9\"}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("Customer C20000 is inactive");
    }

    @Test
    void answersTheProductionOrderInProgressOnAMachine() throws Exception {
        HttpResponse<String> known = bridge.api("GET", "/erp/sap-b1/production-orders/PRESS-07");
        HttpResponse<String> idle = bridge.api("GET", "/erp/sap-b1/production-orders/LATHE-99");

        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        assertThat(JSON.readTree(known.body()).path("productionOrder").asText()).isEqualTo("4711");
        assertThat(JSON.readTree(known.body()).path("itemCode").asText()).isEqualTo("FG-100");
        assertThat(idle.statusCode()).isEqualTo(404);
    }
}
