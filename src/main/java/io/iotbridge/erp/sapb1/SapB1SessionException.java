package io.iotbridge.erp.sapb1;

/**
 * No usable DI Server session: Login was refused, or the session was invalid again right after
 * a fresh login. Usually configuration (credentials, company database) rather than the document.
 */
public class SapB1SessionException extends RuntimeException {

    public SapB1SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
