package io.iotbridge.sandbox;

import io.iotbridge.enrich.WorkOrderTable;
import io.iotbridge.erp.dynamics365.Dynamics365EnqueueClient;
import io.iotbridge.erp.dynamics365.Dynamics365Settings;
import io.iotbridge.erp.infor.InforConfiguration;
import io.iotbridge.erp.sapb1.DiServerLogin;
import io.iotbridge.erp.sapb1.ServiceLayerLogin;
import io.iotbridge.sandbox.dynamics365.Dynamics365Sandbox;
import io.iotbridge.sandbox.infor.InforSandbox;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import io.iotbridge.sandbox.sapb1.ServiceLayerSandbox;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;

/**
 * Binds the ERP sandboxes, unstarted, when {@code bridge.sandbox.enabled}; the embedded services
 * start them. Each sandbox takes what its module sends (logins, app registration) from the
 * module's beans, so the modules know nothing of their sandboxes. The registry names are those
 * tests and operators look up: sapB1Sandbox, sapB1ServiceLayerSandbox, dynamics365Sandbox,
 * inforSandbox.
 */
@Configuration
public class SandboxConfiguration implements CamelConfiguration {

    @PropertyInject("bridge.sandbox.enabled")
    private boolean enabled;
    @PropertyInject("bridge.sandbox.port")
    private int diServerPort;
    @PropertyInject("bridge.sandbox.sap-b1.port")
    private int serviceLayerPort;
    @PropertyInject("bridge.sandbox.dynamics365.port")
    private int dynamics365Port;
    @PropertyInject("bridge.sandbox.infor.port")
    private int inforPort;
    @PropertyInject(value = "bridge.sandbox.sap-b1.orders", defaultValue = "")
    private String sapB1Orders;
    @PropertyInject(value = "bridge.sandbox.dynamics365.orders", defaultValue = "")
    private String dynamics365Orders;

    /** What the sandboxes received (route sandbox-documents); bound whether or not they run. */
    @BindToRegistry
    public SandboxRecorder sandboxRecorder() {
        return new SandboxRecorder();
    }

    @Override
    public void configure(CamelContext context) {
        if (!enabled) {
            return;
        }
        // bound here rather than by @BindToRegistry methods: the modules' beans they take are bound by then
        Registry registry = context.getRegistry();
        SandboxRecorder recorder = registry.findSingleByType(SandboxRecorder.class);

        SapB1Sandbox diServer = new SapB1Sandbox("http://127.0.0.1:" + diServerPort + "/sap-b1/DIServer", recorder,
                registry.findSingleByType(DiServerLogin.class));
        diServer.currentOrders(WorkOrderTable.parse("bridge.sandbox.sap-b1.orders", sapB1Orders));
        registry.bind("sapB1Sandbox", diServer);

        ServiceLayerSandbox serviceLayer = new ServiceLayerSandbox(serviceLayerPort, null, recorder,
                registry.findSingleByType(ServiceLayerLogin.class));
        serviceLayer.currentOrders(WorkOrderTable.parse("bridge.sandbox.sap-b1.orders", sapB1Orders));
        registry.bind("sapB1ServiceLayerSandbox", serviceLayer);

        // the client's app registration, whose secret may be one made up for this run
        Dynamics365Settings d365 = registry.findSingleByType(Dynamics365EnqueueClient.class).settings();
        Dynamics365Sandbox dynamics365 = new Dynamics365Sandbox(dynamics365Port, d365.clientId(), d365.clientSecret(),
                recorder);
        dynamics365.currentOrders(WorkOrderTable.parse("bridge.sandbox.dynamics365.orders", dynamics365Orders));
        registry.bind("dynamics365Sandbox", dynamics365);

        InforSandbox infor = new InforSandbox(inforPort, recorder);
        registry.bind("inforSandbox", infor);
        registry.bind(InforConfiguration.SANDBOX_IONAPI, infor.credentials());
    }
}
