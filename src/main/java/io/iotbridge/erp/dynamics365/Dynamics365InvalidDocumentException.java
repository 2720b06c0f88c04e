package io.iotbridge.erp.dynamics365;

import io.iotbridge.erp.ErpRejectedException;

/** A document that does not match schemas/dynamics365; refused before it was sent (or on receipt, in the sandbox). */
public class Dynamics365InvalidDocumentException extends ErpRejectedException {

    public Dynamics365InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
