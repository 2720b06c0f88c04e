package io.iotbridge.enrich;

import io.iotbridge.erp.ErpRejectedException;

/**
 * A counter window no production order can be found for: the catalogue names none and the ERP's
 * lookup knows none in progress on the machine. Dead-lettered with this reason, so the parts are
 * kept and can be replayed once the order is released.
 */
public class WorkOrderMissingException extends ErpRejectedException {

    public WorkOrderMissingException(String message) {
        super(message);
    }
}
