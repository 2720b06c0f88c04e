package io.iotbridge.erp.sapb1;

import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.enrich.WorkOrderTable;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.sandbox.SandboxRecorder;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;

/**
 * The SAP Business One module's beans, used by routes/kamelets/sap-b1-sink.kamelet.yaml.
 * The DI Server credentials come from bridge.erp.sap-b1.* properties; the two passwords only
 * from the environment (BRIDGE_ERP_SAP_B1_DATABASE_PASSWORD, BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD).
 */
@Configuration
public class SapB1Configuration implements CamelConfiguration {

    @PropertyInject("bridge.erp.sap-b1.enabled")
    private boolean enabled;
    @PropertyInject("bridge.erp.sap-b1.url")
    private String url;
    @PropertyInject("bridge.erp.sap-b1.timeout")
    private String timeout;
    @PropertyInject("bridge.erp.sap-b1.login-retry-delay")
    private String loginRetryDelay;
    @PropertyInject("bridge.erp.sap-b1.database-server")
    private String databaseServer;
    @PropertyInject("bridge.erp.sap-b1.database-name")
    private String databaseName;
    @PropertyInject("bridge.erp.sap-b1.database-type")
    private String databaseType;
    @PropertyInject("bridge.erp.sap-b1.database-username")
    private String databaseUsername;
    @PropertyInject("bridge.erp.sap-b1.database-password")
    private String databasePassword;
    @PropertyInject("bridge.erp.sap-b1.company-username")
    private String companyUsername;
    @PropertyInject("bridge.erp.sap-b1.company-password")
    private String companyPassword;
    @PropertyInject("bridge.erp.sap-b1.language")
    private String language;
    @PropertyInject("bridge.erp.sap-b1.license-server")
    private String licenseServer;

    @PropertyInject("bridge.erp.sap-b1.service-customer")
    private String serviceCustomer;

    @PropertyInject("bridge.erp.sap-b1.order-cache-ttl")
    private String orderCacheTtl;

    @PropertyInject("bridge.sandbox.port")
    private int sandboxPort;

    @PropertyInject(value = "bridge.sandbox.sap-b1.orders", defaultValue = "")
    private String sandboxOrders;

    private DiServerClient client;

    @BindToRegistry
    public ErpModule sapB1Module() {
        return new ErpModule(SapB1Objects.ERP, enabled, SapB1Contract.quantityLimit());
    }

    @BindToRegistry
    public SapB1MeterMapper sapB1MeterMapper() {
        return new SapB1MeterMapper();
    }

    @BindToRegistry
    public SapB1CounterMapper sapB1CounterMapper() {
        return new SapB1CounterMapper();
    }

    @BindToRegistry
    public SapB1AlertMapper sapB1AlertMapper() {
        return new SapB1AlertMapper(serviceCustomer);
    }

    /**
     * The DI Server sandbox, started by the embedded services when bridge.sandbox.enabled; it takes
     * the Login the module sends (the same bridge.erp.sap-b1.* values) and refuses any other.
     */
    @BindToRegistry
    public SapB1Sandbox sapB1Sandbox(SandboxRecorder sandboxRecorder) {
        SapB1Sandbox sandbox = new SapB1Sandbox("http://127.0.0.1:" + sandboxPort + "/sap-b1/DIServer",
                sandboxRecorder, login());
        sandbox.currentOrders(WorkOrderTable.parse("bridge.sandbox.sap-b1.orders", sandboxOrders));
        return sandbox;
    }

    /** The JSON facade over the DI Server (/api/v1/erp/sap-b1/...). */
    @BindToRegistry
    public SapB1Facade sapB1Facade() {
        return new SapB1Facade(diServerClient(), sapB1AlertMapper());
    }

    @BindToRegistry
    public DiServerClient diServerClient() {
        if (client == null) {
            client = new DiServerClient(url, login(), DiServerClient.DEFAULT_CONNECT_TIMEOUT,
                    Duration.ofMillis(TimeUtils.toMilliSeconds(timeout)),
                    Duration.ofMillis(TimeUtils.toMilliSeconds(loginRetryDelay)), Clock.systemUTC());
        }
        return client;
    }

    private DiServerLogin login() {
        return new DiServerLogin(databaseServer, databaseName, databaseType, databaseUsername, databasePassword,
                companyUsername, companyPassword, language, licenseServer);
    }

    /** Machine, shift and work order for every document (the order looked up from the DI Server, cached). */
    @BindToRegistry
    public DocumentEnricher sapB1Enricher(ShiftCalendar shiftCalendar) {
        return new DocumentEnricher(SapB1Objects.ERP, shiftCalendar, new CachedWorkOrders(
                new SapB1WorkOrders(diServerClient()), Duration.ofMillis(TimeUtils.toMilliSeconds(orderCacheTtl)),
                Clock.systemUTC()));
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        // Logout when the bridge stops: the DI Server holds a licence per open session
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                if (client != null) {
                    client.close();
                }
            }
        }, true, true);
    }
}
