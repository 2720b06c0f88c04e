package io.iotbridge.opcua;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One OPC UA server's session as a Camel health check, {@code opcua:<host:port/path>}: DOWN while
 * the session is not active (server unreachable, refused login or certificate, lost connection),
 * with the reason as its message. camel-milo's consumer has no health check of its own, and its
 * route stays Started while the server is away.
 *
 * <p>Readiness only: restarting the bridge does not bring a PLC back.
 */
final class OpcUaServerHealthCheck extends AbstractHealthCheck {

    private final OpcUaServerConnection connection;

    OpcUaServerHealthCheck(OpcUaServerConnection connection) {
        super("opcua", "opcua:" + connection.serverName());
        this.connection = connection;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("server", connection.serverName());
        builder.message(connection.state());
        if (connection.isUp()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
