package io.iotbridge.erp.sapb1;

/**
 * The Service Layer could not be reached or answered with a server error (5xx, a timeout, a
 * refused connection): a transient failure, the document is sent again later.
 */
public class ServiceLayerUnavailableException extends RuntimeException {

    public ServiceLayerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
