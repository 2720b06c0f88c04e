package io.iotbridge.opcua;

import java.nio.file.Path;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * The OPC UA client side: the bridge's certificate and trust list (bridge.opcua.pki-dir) and the
 * connection manager milo-client uses (camel.component.milo-client.milo-client-connection-manager).
 */
@Configuration
public class OpcUaConfiguration implements CamelConfiguration, CamelContextAware {

    @PropertyInject("bridge.opcua.pki-dir")
    private String pkiDir;

    @PropertyInject("bridge.opcua.application-uri")
    private String applicationUri;

    // empty: a generated password kept in the pki folder
    @PropertyInject(value = "bridge.opcua.keystore-password", defaultValue = "")
    private String keyStorePassword;

    @PropertyInject("bridge.opcua.reconnect-delay")
    private long reconnectDelayMillis;

    @PropertyInject("bridge.opcua.login-retry-delay")
    private long loginRetryDelayMillis;

    private CamelContext camelContext;
    private OpcUaConnections connections;
    private OpcUaSensors sensors;

    @BindToRegistry(beanPostProcess = true)
    public synchronized OpcUaConnections opcUaConnections() throws Exception {
        if (connections == null) {
            connections = create();
        }
        return connections;
    }

    /** The OPC UA catalogue entries read as data, on the same connections. */
    @BindToRegistry
    public synchronized OpcUaSensors opcUaSensors() throws Exception {
        // made once: Camel Main binds a configuration class's beans twice (two post-processing
        // passes), and a second instance would add a second listener and strategy
        if (sensors != null) {
            return sensors;
        }
        sensors = new OpcUaSensors(camelContext, opcUaConnections());
        camelContext.addStartupListener(sensors);
        // intake stops first, so no value meets a buffer route that has stopped
        camelContext.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                sensors.close();
            }
        });
        return sensors;
    }

    private OpcUaConnections create() throws Exception {
        OpcUaPki pki = OpcUaPki.open(Path.of(pkiDir), applicationUri, keyStorePassword);
        OpcUaConnections connections = new OpcUaConnections(camelContext, pki, reconnectDelayMillis, loginRetryDelayMillis);
        camelContext.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                connections.closeAll();
                try {
                    pki.close();
                } catch (Exception e) {
                    // the trust list's folder watcher only; nothing to keep
                }
            }
        });
        return connections;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
