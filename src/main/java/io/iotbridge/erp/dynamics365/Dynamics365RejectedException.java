package io.iotbridge.erp.dynamics365;

import io.iotbridge.erp.ErpRejectedException;

/**
 * Dynamics 365 refused the document with an OData error (a business rejection): permanent,
 * sending the same document again will not help; dead-letter it with {@link #erpMessage()}.
 */
public class Dynamics365RejectedException extends ErpRejectedException {

    private final int status;
    private final String erpMessage;

    public Dynamics365RejectedException(int status, String erpMessage) {
        super("Dynamics 365 rejected the document (HTTP " + status + "): " + erpMessage);
        this.status = status;
        this.erpMessage = erpMessage;
    }

    public int status() {
        return status;
    }

    /** The ERP's own words: the inner error's message when there is one, else the error's message. */
    public String erpMessage() {
        return erpMessage;
    }
}
