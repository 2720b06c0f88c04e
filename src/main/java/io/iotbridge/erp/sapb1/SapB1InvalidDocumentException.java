package io.iotbridge.erp.sapb1;

/** A command that does not match the DI Server schema; refused before it was sent. */
public class SapB1InvalidDocumentException extends RuntimeException {

    public SapB1InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
