package io.iotbridge.opcua;

import io.iotbridge.health.SourceConnectionHealthCheck;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.apache.camel.component.milo.client.MiloClientConnection;
import org.apache.camel.component.milo.client.MiloClientConnectionManager;
import org.apache.camel.component.milo.client.MonitorFilterConfiguration;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * milo-client's connection manager: one {@link OpcUaServerConnection} (one session) per server,
 * shared by every sensor entry on it however many there are, each with its health check. A
 * connection closes when the last entry on its server is removed.
 */
public final class OpcUaConnections implements MiloClientConnectionManager {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnections.class);

    private final CamelContext context;
    private final OpcUaPki pki;
    private final long retryMillis;
    private final long loginRetryMillis;
    private final Map<String, Shared> byServer = new HashMap<>();

    private static final class Shared {
        final OpcUaServerConnection connection;
        final SourceConnectionHealthCheck health;
        int users;

        Shared(OpcUaServerConnection connection, SourceConnectionHealthCheck health) {
            this.connection = connection;
            this.health = health;
        }
    }

    public OpcUaConnections(CamelContext context, OpcUaPki pki, long retryMillis, long loginRetryMillis) {
        this.context = context;
        this.pki = pki;
        this.retryMillis = retryMillis;
        this.loginRetryMillis = loginRetryMillis;
    }

    @Override
    public synchronized MiloClientConnection createConnection(MiloClientConfiguration configuration,
            MonitorFilterConfiguration monitorFilter) {
        OpcUaSourceConfiguration source = configuration instanceof OpcUaSourceConfiguration s ? s
                : new OpcUaSourceConfiguration(configuration);
        String server = source.serverName();
        Shared shared = byServer.get(server);
        if (shared == null) {
            OpcUaServerConnection connection = new OpcUaServerConnection(source, pki, retryMillis, loginRetryMillis);
            shared = new Shared(connection, new SourceConnectionHealthCheck("opcua", "server",
                    connection.serverName(), connection::isUp, connection::state));
            shared.health.setCamelContext(context);
            HealthCheckRegistry.get(context).register(shared.health);
            byServer.put(server, shared);
        } else if (!shared.connection.sourceConfiguration().sameConnectionAs(source)) {
            LOG.warn("OPC UA server {}: an entry asks for {}, but the server's session uses {} (the first entry's); "
                    + "give every entry of one server the same security and identity", server, source.describe(),
                    shared.connection.sourceConfiguration().describe());
        }
        shared.users++;
        return shared.connection;
    }

    @Override
    public synchronized void releaseConnection(MiloClientConnection connection) {
        byServer.entrySet().removeIf(e -> {
            Shared shared = e.getValue();
            if (shared.connection != connection || --shared.users > 0) {
                return false;
            }
            HealthCheckRegistry.get(context).unregister(shared.health);
            shared.connection.close();
            return true;
        });
    }

    /** Closes every connection (at shutdown). */
    public synchronized void closeAll() {
        byServer.values().forEach(s -> s.connection.close());
        byServer.clear();
    }
}
