package io.iotbridge.erp.infor;

/**
 * The ION API Gateway refused the bridge's credentials (token endpoint 400/401) or its access
 * (401 after a fresh token, 403: not authorised, or a fromLogicalId not bound to the client).
 * Retrying will not help until the configuration changes.
 */
public class InforAuthException extends RuntimeException {

    private final int status;

    public InforAuthException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
