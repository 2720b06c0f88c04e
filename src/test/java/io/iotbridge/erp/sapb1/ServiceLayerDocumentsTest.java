package io.iotbridge.erp.sapb1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.DocumentFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Service Layer request the module sends, against golden files. */
class ServiceLayerDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceLayerDocuments documents = new ServiceLayerDocuments("C20000");

    @Test
    void aMeterWindowIsTheGoldenRowOfTheUserTable() throws Exception {
        assertGolden(documents.meterRow(SapB1Fixtures.window(), DocumentFixtures.enrichment()), "meter-row.golden.json");
    }

    @Test
    void aCounterReportIsTheGoldenReceiptFromProduction() throws Exception {
        assertGolden(documents.receiptFromProduction(DocumentFixtures.counter("press07-parts", "4711", false),
                DocumentFixtures.enrichment()), "counter-inventorygenentry.golden.json");
    }

    @Test
    void aScrapCounterIsRejectedQuantity() {
        JsonNode doc = documents.receiptFromProduction(DocumentFixtures.counter("press07-scrap", "4711", true),
                DocumentFixtures.enrichment());

        assertThat(doc.at("/DocumentLines/0/TransactionType").asText()).isEqualTo("botrntReject");
    }

    @Test
    void anAlertIsTheGoldenServiceCall() throws Exception {
        assertGolden(documents.serviceCall(DocumentFixtures.alert("press07-temp-alert"), DocumentFixtures.enrichment()),
                "alert-servicecall.golden.json");
    }

    @Test
    void theLoginCarriesCompanyUserAndPassword() throws Exception {
        assertGolden(JSON.readTree(ServiceLayerFixtures.LOGIN.toJson()), "login.golden.json");
        assertThat(ServiceLayerFixtures.LOGIN.toString()).doesNotContain("b1-secret-for-tests");
    }

    @Test
    void theProductionOrderQueryIsTheGoldenOne() throws Exception {
        String expected = Files.readString(Path.of("src/test/resources/sap-b1/service-layer/production-order-query.golden.txt"),
                StandardCharsets.UTF_8).strip();

        assertThat(ServiceLayerWorkOrderQuery.forMachine("PRESS-07")).isEqualTo(expected);
        assertThat(ServiceLayerWorkOrderQuery.machineOf(ServiceLayerWorkOrderQuery.filter("O'BRIEN-1"))).contains("O'BRIEN-1");
    }

    @Test
    void theLookupOfABookedDocumentIsTheGoldenOne() throws Exception {
        String expected = Files.readString(Path.of("src/test/resources/sap-b1/service-layer/document-by-iotkey-query.golden.txt"),
                StandardCharsets.UTF_8).strip();

        assertThat(ServiceLayerDocumentQuery.byIotKey("InventoryGenEntries", "DocEntry", "counter:press07-parts@1795515300000"))
                .isEqualTo(expected);
        assertThat(ServiceLayerDocumentQuery.iotKeyOf("U_IotKey eq 'a''b'")).contains("a'b");
    }

    @Test
    void severalRowsAreOneChangeSetOfTheGoldenBatch() throws Exception {
        ServiceLayerBatch.Body batch = ServiceLayerBatch.changeSet("/b1s/v2", "U_IOT_METER",
                List.of("{\"Code\":\"a\"}", "{\"Code\":\"b\"}"));
        String expected = Files.readString(Path.of("src/test/resources/sap-b1/service-layer/meter-batch.golden.txt"),
                StandardCharsets.UTF_8);

        // the boundaries are random per request; everything else is fixed
        assertThat(batch.contentType()).matches("multipart/mixed; boundary=batch_[0-9a-f-]{36}");
        assertThat(batch.text().replaceAll("(batch|changeset)_[0-9a-f-]{36}", "$1_B").replace("\r\n", "\n"))
                .isEqualTo(expected);
        List<ServiceLayerBatch.Segment> read = ServiceLayerBatch.parse(batch.contentType(), batch.text());
        assertThat(read).singleElement().satisfies(s -> {
            assertThat(s.changeSet()).isTrue();
            assertThat(s.messages()).extracting(ServiceLayerBatch.Message::startLine)
                    .containsExactly("POST /b1s/v2/U_IOT_METER HTTP/1.1", "POST /b1s/v2/U_IOT_METER HTTP/1.1");
            assertThat(s.messages()).extracting(ServiceLayerBatch.Message::body).containsExactly("{\"Code\":\"a\"}", "{\"Code\":\"b\"}");
        });
    }

    @Test
    void aProductionOrderThatIsNoDocEntryIsRefusedBeforeSending() {
        assertThatThrownBy(() -> documents.receiptFromProduction(DocumentFixtures.counter("press07-parts", "P000123", false),
                DocumentFixtures.enrichment())).isInstanceOf(SapB1InvalidDocumentException.class).hasMessageContaining("P000123");
    }

    @Test
    void bothErrorShapesAreRead() {
        assertThat(ServiceLayerErrors.read("{\"error\":{\"code\":-2035,\"message\":{\"lang\":\"en-us\",\"value\":\"x (ODBC -2035)\"}}}"))
                .satisfies(e -> assertThat(e.isDuplicateKey()).isTrue());
        assertThat(ServiceLayerErrors.read("{\"error\":{\"code\":\"-5002\",\"message\":\"Item not found\"}}"))
                .isEqualTo(new ServiceLayerErrors.Error("-5002", "Item not found"));
        assertThat(ServiceLayerErrors.read("<html>Bad gateway</html>").message()).isEqualTo("<html>Bad gateway</html>");
    }

    private static void assertGolden(JsonNode actual, String golden) throws Exception {
        JsonNode expected = JSON.readTree(Files.readString(Path.of("src/test/resources/sap-b1/service-layer", golden),
                StandardCharsets.UTF_8));
        // through text, so a BigDecimal and the double the golden file reads as compare by value
        assertThat(JSON.readTree(actual.toString())).isEqualTo(expected);
    }
}
