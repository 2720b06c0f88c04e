package io.iotbridge.opcua;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/** What an OPC UA failure means for the bridge: a refused login, and the reason to show for it. */
final class OpcUaFaults {

    private OpcUaFaults() {
    }

    /** Whether the server refused the user identity (wrong or changed password, unknown user). */
    static boolean loginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UaException ua) {
                long code = ua.getStatusCode().getValue();
                if (code == StatusCodes.Bad_UserAccessDenied || code == StatusCodes.Bad_IdentityTokenInvalid
                        || code == StatusCodes.Bad_IdentityTokenRejected) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost OPC UA status with its message (e.g. Bad_UserAccessDenied), else the innermost cause. */
    static String reason(Throwable e) {
        Throwable cause = e;
        UaException status = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            cause = t;
            if (t instanceof UaException ua) {
                status = ua;
            }
        }
        if (status != null) {
            String name = StatusCodes.lookup(status.getStatusCode().getValue()).map(n -> n[0])
                    .orElse(status.getStatusCode().toString());
            String message = status.getMessage();
            return message == null || message.isBlank() || message.equals(name) ? name : name + ": " + message;
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
