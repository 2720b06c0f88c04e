package io.iotbridge.erp.infor;

import io.iotbridge.erp.ErpRejectedException;

/** A BOD the bridge built does not match schemas/infor: a bug or a bad catalogue entry, never sent. */
public class InforInvalidDocumentException extends ErpRejectedException {

    public InforInvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
