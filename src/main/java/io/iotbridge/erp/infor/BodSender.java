package io.iotbridge.erp.infor;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who the bridge is in the BODs it sends: the tenant (from the .ionapi file, asked when the first
 * document is built), the accounting entity and location the documents belong to, and the
 * logical id and component id of the ApplicationArea's Sender.
 */
public record BodSender(Supplier<String> tenant, String accountingEntity, String location,
        String logicalId, String componentId) {

    public BodSender {
        Objects.requireNonNull(tenant, "tenant");
        accountingEntity = accountingEntity == null ? "" : accountingEntity.trim();
        location = location == null ? "" : location.trim();
        Objects.requireNonNull(logicalId, "logicalId");
        if (!logicalId.startsWith("lid://")) {
            throw new IllegalArgumentException("bridge.erp.infor.logical-id must start with lid://, was " + logicalId);
        }
        componentId = componentId == null || componentId.isBlank() ? "iot-erp-bridge" : componentId.trim();
    }
}
