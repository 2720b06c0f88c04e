package io.iotbridge.sandbox.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.sapb1.ServiceLayerDocumentQuery;
import io.iotbridge.erp.sapb1.ServiceLayerDocuments;
import io.iotbridge.erp.sapb1.ServiceLayerErrors;
import io.iotbridge.erp.sapb1.ServiceLayerWorkOrderQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The company database behind the sandbox: the rows of @IOT_METER by Code, Receipts from
 * Production and Service Calls numbered as SAP numbers them and unique by U_IotKey, the key rules
 * and mandatory fields SAP checks, the production orders the lookup answers. What a change set
 * added is taken back when a later request of it fails, as SAP rolls the transaction back.
 */
final class ServiceLayerCompany {

    /** SAP's limit for a user table's Code. */
    private static final int MAX_CODE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A refusal as the Service Layer answers it: status, SAP's code, message. */
    static final class Refusal extends RuntimeException {
        final int status;
        final int code;

        Refusal(int status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** What one POST added: the record's kind, key, readings and the 201 answer. */
    record Created(String kind, String key, List<String> readingIds, String answer) {
    }

    /** The adds of one request or change set, so a failure can take them back. */
    static final class Work {
        private final List<Runnable> undo = new ArrayList<>();

        void rollback() {
            undo.forEach(Runnable::run);
            undo.clear();
        }
    }

    private final Set<String> meterCodes = ConcurrentHashMap.newKeySet();
    /** Per document set, U_IotKey -> the document's number. */
    private final Map<String, Map<String, Long>> iotKeys = Map.of(
            ServiceLayerDocuments.COUNTER_SET, new ConcurrentHashMap<>(),
            ServiceLayerDocuments.ALERT_SET, new ConcurrentHashMap<>());
    /** Whether the company keeps U_IotKey unique (SBO_SP_TransactionNotification); SAP itself does not. */
    private volatile boolean uniqueIotKeys = true;
    private final AtomicLong docEntries = new AtomicLong();
    private final AtomicLong serviceCallIds = new AtomicLong();
    private final AtomicInteger rejections = new AtomicInteger();
    private volatile String rejectionMessage = "";
    private volatile String rejectionKind;
    private volatile Map<String, WorkOrder> currentOrders = Map.of();
    private volatile boolean refuseLambda;
    private final AtomicInteger workOrderQueries = new AtomicInteger();

    /** Adds one entity of a set the bridge writes. */
    Created create(String entitySet, JsonNode entity, Work work) {
        if (!entity.isObject()) {
            throw new Refusal(400, -1000, "The request body is not a JSON object");
        }
        String kind = kindOf(entitySet);
        String only = rejectionKind;
        if ((only == null || only.equals(kind)) && rejections.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new Refusal(400, -5002, rejectionMessage);
        }
        ObjectNode answer = ((ObjectNode) entity).deepCopy();
        String key;
        switch (kind) {
            case "meter" -> {
                String code = required(entity, "Code");
                required(entity, "Name");
                if (code.length() > MAX_CODE) {
                    throw new Refusal(400, -1000, "Code: value too long, at most " + MAX_CODE + " characters");
                }
                if (!meterCodes.add(code)) {
                    throw new Refusal(400, ServiceLayerErrors.DUPLICATE_KEY,
                            ServiceLayerErrors.duplicateKeyMessage("@IOT_METER"));
                }
                work.undo.add(() -> meterCodes.remove(code));
                key = code;
            }
            case "counter" -> {
                JsonNode lines = entity.path("DocumentLines");
                if (!lines.isArray() || lines.isEmpty()) {
                    throw new Refusal(400, -5002, "To add a document, you must have at least one item line");
                }
                long entry = docEntries.incrementAndGet();
                unique(entitySet, required(entity, "U_IotKey"), entry, work);
                answer.put("DocEntry", entry).put("DocNum", entry);
                key = String.valueOf(entry);
            }
            default -> {
                required(entity, "CustomerCode");
                required(entity, "Subject");
                long id = serviceCallIds.incrementAndGet();
                unique(entitySet, required(entity, "U_IotKey"), id, work);
                answer.put("ServiceCallID", id);
                key = String.valueOf(id);
            }
        }
        List<String> readingIds = Arrays.asList(entity.path("U_ReadingIds").asText("").split(" "));
        return new Created(kind, key, readingIds, answer.toString());
    }

    /** The answer to the production-order query ({@link ServiceLayerWorkOrderQuery}), the only one it takes. */
    String productionOrders(String filter, String skip, String nextLink) {
        if (ServiceLayerWorkOrderQuery.RELEASED_FILTER.equals(filter)) {
            return releasedOrders(skip == null ? 0 : Integer.parseInt(skip), nextLink);
        }
        String machine = ServiceLayerWorkOrderQuery.machineOf(filter).orElseThrow(() -> new Refusal(400, -1000,
                "the sandbox answers only the bridge's production order query, not $filter=" + filter));
        if (refuseLambda) {
            throw new Refusal(400, -1000, "Invalid filter: the operator 'any' is not supported");
        }
        workOrderQueries.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode();
        var value = answer.putArray("value");
        WorkOrder order = currentOrders.get(machine);
        if (order != null) {
            ObjectNode row = value.addObject().put("AbsoluteEntry", Long.parseLong(order.number()));
            if (order.itemCode() != null) {
                row.put("ItemNo", order.itemCode());
            }
        }
        return answer.toString();
    }

    /** The released orders, one a page (so paging is exercised), each with its machine as resource line. */
    private String releasedOrders(int skip, String nextLink) {
        workOrderQueries.incrementAndGet();
        List<Map.Entry<String, WorkOrder>> orders = currentOrders.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        ObjectNode answer = JSON.createObjectNode();
        var value = answer.putArray("value");
        if (skip < orders.size()) {
            Map.Entry<String, WorkOrder> order = orders.get(skip);
            ObjectNode row = value.addObject().put("AbsoluteEntry", Long.parseLong(order.getValue().number()));
            if (order.getValue().itemCode() != null) {
                row.put("ItemNo", order.getValue().itemCode());
            }
            row.putArray("ProductionOrderLines").addObject().put("ItemType", "pit_Resource").put("ItemNo", order.getKey());
            if (skip + 1 < orders.size()) {
                answer.put(nextLink, ServiceLayerWorkOrderQuery.ENTITY_SET + "?$filter="
                        + ServiceLayerWorkOrderQuery.encode(ServiceLayerWorkOrderQuery.RELEASED_FILTER) + "&$skip=" + (skip + 1));
            }
        }
        return answer.toString();
    }

    void refuseLambdaFilters(boolean refuse) {
        refuseLambda = refuse;
    }

    static String kindOf(String entitySet) {
        return switch (entitySet) {
            case ServiceLayerDocuments.METER_SET -> "meter";
            case ServiceLayerDocuments.COUNTER_SET -> "counter";
            case ServiceLayerDocuments.ALERT_SET -> "alert";
            default -> throw new Refusal(404, -1000, "Resource not found for the segment '" + entitySet + "'");
        };
    }

    private void unique(String entitySet, String iotKey, long number, Work work) {
        Map<String, Long> keys = iotKeys.get(entitySet);
        if (keys.putIfAbsent(iotKey, number) != null && uniqueIotKeys) {
            throw new Refusal(400, ServiceLayerErrors.DUPLICATE_KEY, ServiceLayerErrors.duplicateKeyMessage(
                    ServiceLayerDocuments.COUNTER_SET.equals(entitySet) ? "OIGN" : "OSCL"));
        }
        work.undo.add(() -> keys.remove(iotKey, number));
    }

    /**
     * The answer to {@code GET <set>?$select=<key>&$filter=U_IotKey eq '<key>'} ({@link ServiceLayerDocumentQuery}),
     * the only query the documents' sets take here.
     */
    String byIotKey(String entitySet, String filter) {
        Map<String, Long> keys = iotKeys.get(entitySet);
        String iotKey = ServiceLayerDocumentQuery.iotKeyOf(filter).orElse(null);
        if (keys == null || iotKey == null) {
            throw new Refusal(400, -1000, "the sandbox answers only $filter=U_IotKey eq '…' on the document sets, not "
                    + entitySet + " $filter=" + filter);
        }
        ObjectNode answer = JSON.createObjectNode();
        var value = answer.putArray("value");
        Long number = keys.get(iotKey);
        if (number != null) {
            value.addObject().put(ServiceLayerDocuments.COUNTER_SET.equals(entitySet) ? "DocEntry" : "ServiceCallID", number);
        }
        return answer.toString();
    }

    void uniqueIotKeys(boolean unique) {
        uniqueIotKeys = unique;
    }

    private static String required(JsonNode entity, String field) {
        JsonNode value = entity.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new Refusal(400, -5002, field + ": mandatory field missing");
        }
        return value.asText();
    }

    void rejectNext(int n, String message, String kind) {
        rejectionMessage = message;
        rejectionKind = kind;
        rejections.set(Math.max(0, n));
    }

    void currentOrders(Map<String, WorkOrder> orders) {
        currentOrders = Map.copyOf(orders);
    }

    int workOrderQueries() {
        return workOrderQueries.get();
    }
}
