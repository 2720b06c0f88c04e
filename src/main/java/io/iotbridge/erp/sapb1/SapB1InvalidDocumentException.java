package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.ErpRejectedException;

/** A command that does not match the DI Server schema; refused before it was sent. */
public class SapB1InvalidDocumentException extends ErpRejectedException {

    public SapB1InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
