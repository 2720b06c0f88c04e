package io.iotbridge.erp.infor;

import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.enrich.WorkOrderTable;
import io.iotbridge.erp.ErpModule;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Infor ION module's beans, used by routes/kamelets/infor-sink.kamelet.yaml. Credentials come
 * from the .ionapi file named by bridge.erp.infor.ionapi-file; when that is empty and the sandbox
 * is on, from the sandbox's own sandbox-only .ionapi (the {@link IonApiCredentials} the sandbox
 * binds as {@value #SANDBOX_IONAPI}), so the embedded default needs no file.
 */
@Configuration
public class InforConfiguration implements CamelConfiguration, CamelContextAware {

    /** The registry name of the sandbox's .ionapi credentials, bound by the sandbox when it is on. */
    public static final String SANDBOX_IONAPI = "inforSandboxIonApi";

    private static final Logger LOG = LoggerFactory.getLogger(InforConfiguration.class);

    @PropertyInject("bridge.erp.infor.enabled")
    private boolean enabled;
    @PropertyInject("bridge.erp.infor.ionapi-file")
    private String ionApiFile;
    @PropertyInject("bridge.erp.infor.url")
    private String url;
    @PropertyInject("bridge.erp.infor.logical-id")
    private String logicalId;
    @PropertyInject("bridge.erp.infor.to-logical-id")
    private String toLogicalId;
    @PropertyInject("bridge.erp.infor.component-id")
    private String componentId;
    @PropertyInject("bridge.erp.infor.accounting-entity")
    private String accountingEntity;
    @PropertyInject("bridge.erp.infor.location")
    private String location;
    @PropertyInject("bridge.erp.infor.timeout")
    private String timeout;

    @PropertyInject(value = "bridge.erp.infor.orders", defaultValue = "")
    private String orders;

    @PropertyInject("bridge.sandbox.enabled")
    private boolean sandboxEnabled;

    private CamelContext camelContext;
    private InforCredentialsSource credentials;
    private HttpClient http;

    @BindToRegistry
    public ErpModule inforModule() {
        return new ErpModule(InforDocuments.ERP, enabled);
    }

    @BindToRegistry
    public InforMeterMapper inforMeterMapper() {
        return new InforMeterMapper(bodSender(), Clock.systemUTC());
    }

    @BindToRegistry
    public InforCounterMapper inforCounterMapper() {
        return new InforCounterMapper(bodSender(), Clock.systemUTC());
    }

    @BindToRegistry
    public InforAlertMapper inforAlertMapper() {
        return new InforAlertMapper(bodSender(), Clock.systemUTC());
    }

    /** Machine, shift and work order for every document (the order from bridge.erp.infor.orders). */
    // lazy: the shift calendar is another configuration class's bean, bound in whatever order the scan found them
    @BindToRegistry(lazy = true)
    public DocumentEnricher inforEnricher(ShiftCalendar shiftCalendar) {
        // a configured table needs no cache: every document reads it
        return new DocumentEnricher(InforDocuments.ERP, shiftCalendar, new CachedWorkOrders(
                new InforWorkOrders(WorkOrderTable.parse("bridge.erp.infor.orders", orders)), Duration.ZERO,
                Clock.systemUTC()));
    }

    private BodSender bodSender() {
        return new BodSender(() -> credentials().get().tenantId(), accountingEntity, location, logicalId, componentId);
    }

    @BindToRegistry
    public IonApiTokenClient ionApiTokenClient() {
        return new IonApiTokenClient(credentials(), http(), duration(timeout), Clock.systemUTC());
    }

    @BindToRegistry
    public ImsPublisher imsPublisher(IonApiTokenClient ionApiTokenClient) {
        return new ImsPublisher(credentials(), ionApiTokenClient, http(), logicalId, toLogicalId, duration(timeout));
    }

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        InforCredentialsSource source = credentials();
        if (source.usesSandbox()) {
            // read at the first delivery: the sandbox's configuration may bind its .ionapi after this runs
            LOG.info("Infor module uses the sandbox's own .ionapi (sandbox-only credentials)");
        } else if (ionApiFile == null || ionApiFile.isBlank()) {
            LOG.warn("Infor module enabled without bridge.erp.infor.ionapi-file and without the sandbox: "
                    + "deliveries will fail until it is set");
        } else {
            // a bad file stops the start with the file and the key named, not the first delivery
            LOG.info("Infor module credentials: {}", source.get());
        }
    }

    private synchronized InforCredentialsSource credentials() {
        if (credentials == null) {
            credentials = new InforCredentialsSource(ionApiFile, sandboxEnabled ? this::sandboxCredentials : null, url);
        }
        return credentials;
    }

    private IonApiCredentials sandboxCredentials() {
        IonApiCredentials sandbox = camelContext.getRegistry().lookupByNameAndType(SANDBOX_IONAPI, IonApiCredentials.class);
        if (sandbox == null) {
            throw new IonApiFileException("bridge.sandbox.enabled is true but no sandbox .ionapi is bound as "
                    + SANDBOX_IONAPI + ": set bridge.erp.infor.ionapi-file (BRIDGE_ERP_INFOR_IONAPI_FILE)");
        }
        return sandbox;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
    }
}
