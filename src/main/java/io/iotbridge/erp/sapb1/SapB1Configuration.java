package io.iotbridge.erp.sapb1;

import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.tls.TrustStores;
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
 * The SAP Business One module's beans, used by routes/kamelets/sap-b1-sink.kamelet.yaml: the
 * transport bridge.erp.sap-b1.transport names (service-layer, the default, or di-server) at
 * bridge.erp.sap-b1.url, the facade and the work-order lookup over it, and the logins both
 * transports send (which the sandboxes, when on, take as theirs). The Service Layer login comes from
 * bridge.erp.sap-b1.service-layer.*, the DI Server's from bridge.erp.sap-b1.*; the passwords only
 * from the environment (BRIDGE_ERP_SAP_B1_SERVICE_LAYER_PASSWORD; BRIDGE_ERP_SAP_B1_DATABASE_PASSWORD,
 * BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD).
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

    @PropertyInject("bridge.erp.sap-b1.transport")
    private String transportName;
    @PropertyInject("bridge.erp.sap-b1.service-layer.version")
    private String serviceLayerVersion;
    @PropertyInject("bridge.erp.sap-b1.service-layer.company")
    private String serviceLayerCompany;
    @PropertyInject("bridge.erp.sap-b1.service-layer.user")
    private String serviceLayerUser;
    @PropertyInject("bridge.erp.sap-b1.service-layer.password")
    private String serviceLayerPassword;
    @PropertyInject("bridge.tls.truststore")
    private String truststore;
    @PropertyInject("bridge.tls.truststore-password")
    private String truststorePassword;

    @PropertyInject("bridge.erp.sap-b1.service-customer")
    private String serviceCustomer;

    @PropertyInject("bridge.erp.sap-b1.order-cache-ttl")
    private String orderCacheTtl;

    private SapB1Transport transport;

    @BindToRegistry
    public ErpModule sapB1Module() {
        return new ErpModule(SapB1Objects.ERP, enabled, SapB1Contract.quantityLimit());
    }

    /** The JSON facade (/api/v1/erp/sap-b1/...) over the module's transport. */
    @BindToRegistry
    public SapB1Facade sapB1Facade() {
        return new SapB1Facade(sapB1Transport());
    }

    /** The Service Layer or the DI Server, as bridge.erp.sap-b1.transport says; one for the whole module. */
    @BindToRegistry
    public SapB1Transport sapB1Transport() {
        if (transport == null) {
            Duration callTimeout = Duration.ofMillis(TimeUtils.toMilliSeconds(timeout));
            Duration retryDelay = Duration.ofMillis(TimeUtils.toMilliSeconds(loginRetryDelay));
            transport = switch (transportName == null ? "" : transportName.trim()) {
                case ServiceLayerTransport.NAME -> new ServiceLayerTransport(new ServiceLayerClient(url,
                        serviceLayerVersion, sapB1ServiceLayerLogin(), TrustStores.context(truststore, truststorePassword),
                        ServiceLayerClient.DEFAULT_CONNECT_TIMEOUT, callTimeout, retryDelay, Clock.systemUTC()),
                        serviceCustomer);
                case DiServerTransport.NAME -> new DiServerTransport(new DiServerClient(url, sapB1DiServerLogin(),
                        DiServerClient.DEFAULT_CONNECT_TIMEOUT, callTimeout, retryDelay, Clock.systemUTC()),
                        serviceCustomer);
                default -> throw new IllegalArgumentException("bridge.erp.sap-b1.transport must be "
                        + ServiceLayerTransport.NAME + " or " + DiServerTransport.NAME + ", not '" + transportName + "'");
            };
        }
        return transport;
    }

    /** What the module logs in to the Service Layer with (the password from the environment). */
    @BindToRegistry
    public ServiceLayerLogin sapB1ServiceLayerLogin() {
        return new ServiceLayerLogin(serviceLayerCompany, serviceLayerUser, serviceLayerPassword);
    }

    /** What the module logs in to the DI Server with (the passwords from the environment). */
    @BindToRegistry
    public DiServerLogin sapB1DiServerLogin() {
        return new DiServerLogin(databaseServer, databaseName, databaseType, databaseUsername, databasePassword,
                companyUsername, companyPassword, language, licenseServer);
    }

    /** Machine, shift and work order for every document (the order looked up from SAP, cached). */
    // lazy: the shift calendar is another configuration class's bean, bound in whatever order the scan found them
    @BindToRegistry(lazy = true)
    public DocumentEnricher sapB1Enricher(ShiftCalendar shiftCalendar) {
        return new DocumentEnricher(SapB1Objects.ERP, shiftCalendar, new CachedWorkOrders(
                sapB1Transport().workOrders(), Duration.ofMillis(TimeUtils.toMilliSeconds(orderCacheTtl)),
                Clock.systemUTC()));
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        // Logout when the bridge stops: SAP holds a licence per open session
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                if (transport != null) {
                    transport.close();
                }
            }
        }, true, true);
    }
}
