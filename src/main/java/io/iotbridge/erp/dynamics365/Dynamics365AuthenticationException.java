package io.iotbridge.erp.dynamics365;

/**
 * No usable access token: Entra ID refused the client credentials, or the environment refused a
 * token fetched just now. Usually configuration (tenant, client id, secret, scope), not the document.
 */
public class Dynamics365AuthenticationException extends RuntimeException {

    public Dynamics365AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
