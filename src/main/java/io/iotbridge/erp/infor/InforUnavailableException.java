package io.iotbridge.erp.infor;

/** ION could not be reached or answered 5xx, 429 or another unexpected status: transient, retry. */
public class InforUnavailableException extends RuntimeException {

    public InforUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
