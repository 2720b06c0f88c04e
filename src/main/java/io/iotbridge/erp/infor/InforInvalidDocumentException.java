package io.iotbridge.erp.infor;

/** A BOD the bridge built does not match schemas/infor: a bug or a bad catalogue entry, never sent. */
public class InforInvalidDocumentException extends RuntimeException {

    public InforInvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
