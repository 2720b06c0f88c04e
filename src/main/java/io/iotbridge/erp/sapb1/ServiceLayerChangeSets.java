package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Several entities of one set booked together: one {@code $batch} change set, so SAP books all or
 * none. A change set SAP rolls back on a duplicate (a replay of some of them) is sent again row by
 * row, the duplicates counted as booked; any other refusal names the refused entity.
 */
final class ServiceLayerChangeSets {

    private final ServiceLayerClient client;

    ServiceLayerChangeSets(ServiceLayerClient client) {
        this.client = client;
    }

    /**
     * Returns the entities' keys in order (SAP's {@code keyField}, or ours for one SAP already held).
     *
     * @param ourKeys our key of each entity, in the same order
     * @throws SapB1RejectedException naming the refused entity, if SAP refuses one for another reason
     */
    List<String> addAll(String entitySet, List<ObjectNode> entities, String keyField, List<String> ourKeys) {
        if (entities.size() != ourKeys.size()) {
            throw new IllegalArgumentException(entities.size() + " entities but " + ourKeys.size() + " keys");
        }
        if (entities.size() == 1) {
            return List.of(client.add(entitySet, entities.get(0), keyField, ourKeys.get(0)));
        }
        List<String> keys = new ArrayList<>();
        for (ServiceLayerBatch.Message m : client.changeSet(entitySet, entities)) {
            if (m.status() / 100 != 2) {
                return afterRollback(entitySet, entities, keyField, ourKeys, m);
            }
            if (keys.size() < ourKeys.size()) {
                keys.add(ServiceLayerClient.keyOf(m.body(), keyField, ourKeys.get(keys.size())));
            }
        }
        if (keys.size() != entities.size()) {
            throw new ServiceLayerUnavailableException("the Service Layer answered " + keys.size() + " of "
                    + entities.size() + " requests of a $batch", null);
        }
        return keys;
    }

    private List<String> afterRollback(String entitySet, List<ObjectNode> entities, String keyField,
            List<String> ourKeys, ServiceLayerBatch.Message failed) {
        ServiceLayerErrors.Error error = ServiceLayerErrors.read(failed.body());
        if (error.isDuplicateKey()) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < entities.size(); i++) {
                keys.add(client.add(entitySet, entities.get(i), keyField, ourKeys.get(i)));
            }
            return keys;
        }
        String id = failed.header("content-id");
        String which = id != null && id.matches("\\d+") && Integer.parseInt(id) <= ourKeys.size()
                ? " " + ourKeys.get(Integer.parseInt(id) - 1) : "";
        throw new SapB1RejectedException(error.code(), error.message() + " (" + entitySet + which
                + "; the change set of " + entities.size() + " was not booked)", null);
    }
}
