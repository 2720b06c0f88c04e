package io.iotbridge.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.UaRequestMessageType;
import org.eclipse.milo.opcua.stack.core.types.UaResponseMessageType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.ActivateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CloseSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;

/**
 * Milo's TCP transport, watching the session services of one connection. Milo re-activates a lost
 * session and, when that is refused, creates new ones on its own schedule (every 16 s at most),
 * bypassing the bridge: here every path meets the {@link LoginGate}. A refused login closes the
 * gate (and closes its session on the server when it was a new one) and is reported once;
 * CreateSession is refused locally while the gate is closed.
 */
final class LoginGuardTransport extends OpcTcpClientTransport {

    private final LoginGate gate;
    private final BiConsumer<LoginGuardTransport, Throwable> onRefused;
    /** The session last created on this transport, whether it was ever active, and its timeout. */
    private volatile NodeId token;
    private volatile boolean activated;
    private volatile long sessionTimeoutMillis;

    LoginGuardTransport(LoginGate gate, BiConsumer<LoginGuardTransport, Throwable> onRefused) {
        super(OpcTcpClientTransportConfig.newBuilder().build());
        this.gate = gate;
        this.onRefused = onRefused;
    }

    @Override
    public CompletableFuture<UaResponseMessageType> sendRequestMessage(UaRequestMessageType request) {
        if (request instanceof CreateSessionRequest) {
            long wait = gate.waitMillis();
            if (wait > 0) {
                return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_InvalidState,
                        "the server refused the login; next attempt in " + (wait + 999) / 1000 + " s"));
            }
            return super.sendRequestMessage(request).whenComplete((response, e) -> {
                if (response instanceof CreateSessionResponse created) {
                    token = created.getAuthenticationToken();
                    activated = false;
                    sessionTimeoutMillis = created.getRevisedSessionTimeout().longValue();
                }
            });
        }
        if (request instanceof ActivateSessionRequest) {
            NodeId session = request.getRequestHeader().getAuthenticationToken();
            // whenComplete's future: the gate is closed before Milo's session machine sees the answer
            return super.sendRequestMessage(request).whenComplete((response, e) -> {
                if (e == null) {
                    activated |= session.equals(token);
                } else if (OpcUaFaults.loginRefused(e)) {
                    refused(session, e);
                }
            });
        }
        return super.sendRequestMessage(request);
    }

    private void refused(NodeId session, Throwable e) {
        if (activated && session.equals(token)) {
            // a re-activation on a new channel: the server keeps the session until it times out,
            // and only the channel it was active on may close it
            gate.refused(sessionTimeoutMillis);
        } else {
            gate.refused(0);
            RequestHeader header = new RequestHeader(session, DateTime.now(), uint(0), uint(0), null, uint(5000), null);
            super.sendRequestMessage(new CloseSessionRequest(header, true));
        }
        onRefused.accept(this, e);
    }
}
