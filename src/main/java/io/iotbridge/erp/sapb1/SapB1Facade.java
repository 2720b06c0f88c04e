package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The JSON facade over SAP Business One (docs/integrator/sap-b1.md, "JSON facade"; /api/v1/erp/sap-b1/...): plant systems
 * that speak JSON (a maintenance app, an MES screen) file a Service Call or ask for a machine's
 * production order, and the bridge does the session and the documents of its transport
 * (Service Layer or DI Server, {@link SapB1Transport}) behind.
 * Each answer sets its HTTP status: 201/200, 400 naming each bad field, 404, 422 with SAP's own
 * message, 503 when SAP cannot be reached (nothing was filed: send again); errors are
 * problems (application/problem+json).
 */
public final class SapB1Facade {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    private final SapB1Transport transport;

    public SapB1Facade(SapB1Transport transport) {
        this.transport = transport;
    }

    /**
     * POST /erp/sap-b1/service-calls {"machineId", "subject", "requestId"}. The request id is the
     * caller's idempotency key: sent twice, the call is filed once and both answers name it.
     */
    public String serviceCall(Exchange exchange) {
        JsonNode request;
        try {
            request = JSON.readTree(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            return Problem.answer(exchange, 400, "the body is not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        String machine = text(request, "machineId", problems);
        String subject = text(request, "subject", problems);
        String requestId = text(request, "requestId", problems);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            problems.add("requestId: 1 to 80 letters, digits, '.', '_', ':' or '-'");
        }
        if (!problems.isEmpty()) {
            ObjectNode problem = Problem.of(400, "invalid service call");
            problems.forEach(problem.putArray("errors")::add);
            return Problem.answer(exchange, problem);
        }
        try {
            String key = transport.serviceCall(machine, subject, "request:" + requestId, "request:" + requestId);
            ObjectNode body = JSON.createObjectNode().put("key", key).put("requestId", requestId)
                    .put("object", "oServiceCalls");
            return answer(exchange, 201, body);
        } catch (SapB1InvalidDocumentException e) {
            return Problem.answer(exchange, 400, e.getMessage());
        } catch (SapB1RejectedException e) {
            return Problem.answer(exchange, 422, e.getMessage());
        } catch (RuntimeException e) {
            return Problem.answer(exchange, 503, "SAP Business One could not be reached; nothing was filed: " + e.getMessage());
        }
    }

    /** GET /erp/sap-b1/production-orders/{machineId}: the order in progress on the machine. */
    public String productionOrder(Exchange exchange) {
        String machine = exchange.getMessage().getHeader("machineId", String.class);
        try {
            return transport.workOrders().inProgress(machine)
                    .map(o -> answer(exchange, 200, JSON.createObjectNode().put("machineId", machine)
                            .put("productionOrder", o.number()).put("itemCode", o.itemCode())))
                    .orElseGet(() -> Problem.answer(exchange, 404, "no production order in progress on " + machine));
        } catch (SapB1RejectedException e) {
            return Problem.answer(exchange, 422, e.getMessage());
        } catch (RuntimeException e) {
            return Problem.answer(exchange, 503, "SAP Business One could not be reached: " + e.getMessage());
        }
    }

    private static String text(JsonNode request, String field, List<String> problems) {
        JsonNode node = request == null ? null : request.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problems.add(field + ": required, a non-empty string");
            return null;
        }
        return node.asText();
    }

    private static String answer(Exchange exchange, int status, JsonNode body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return body.toString();
    }
}
