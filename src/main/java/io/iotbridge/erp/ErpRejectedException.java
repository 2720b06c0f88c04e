package io.iotbridge.erp;

/**
 * A permanent delivery failure: the ERP (or the module, before sending) refuses the document,
 * and sending it again would not help. The readings it carries are dead-lettered with this
 * message; every other failure is treated as transient and retried with back-off.
 * Each module's business-rejection exceptions extend this class.
 */
public class ErpRejectedException extends RuntimeException {

    public ErpRejectedException(String message) {
        super(message);
    }

    public ErpRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
