package io.iotbridge.erp.dynamics365;

/** A document that does not match schemas/dynamics365; refused before it was sent (or on receipt, in the sandbox). */
public class Dynamics365InvalidDocumentException extends RuntimeException {

    public Dynamics365InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
