package io.iotbridge.erp.dynamics365;

import io.iotbridge.enrich.CachedWorkOrders;
import io.iotbridge.enrich.DocumentEnricher;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.erp.ErpModule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;

/**
 * The Dynamics 365 F&O module's beans, used by routes/kamelets/dynamics365-sink.kamelet.yaml.
 * Addresses and ids come from bridge.erp.dynamics365.*; the client secret only from the
 * environment (BRIDGE_ERP_DYNAMICS365_CLIENT_SECRET).
 */
@Configuration
public class Dynamics365Configuration implements CamelConfiguration {

    @PropertyInject("bridge.erp.dynamics365.enabled")
    private boolean enabled;
    @PropertyInject("bridge.erp.dynamics365.url")
    private String url;
    @PropertyInject("bridge.erp.dynamics365.login-url")
    private String loginUrl;
    @PropertyInject("bridge.erp.dynamics365.tenant")
    private String tenant;
    @PropertyInject("bridge.erp.dynamics365.client-id")
    private String clientId;
    @PropertyInject("bridge.erp.dynamics365.client-secret")
    private String clientSecret;
    @PropertyInject("bridge.erp.dynamics365.activity-id")
    private String activityId;
    @PropertyInject("bridge.erp.dynamics365.company")
    private String company;
    @PropertyInject("bridge.erp.dynamics365.meter-entity")
    private String meterEntity;
    @PropertyInject("bridge.erp.dynamics365.alert-entity")
    private String alertEntity;
    @PropertyInject("bridge.erp.dynamics365.alert-request-type")
    private String alertRequestType;
    @PropertyInject("bridge.erp.dynamics365.token-renew-margin")
    private String tokenMargin;
    @PropertyInject("bridge.erp.dynamics365.max-retry-after")
    private String maxRetryAfter;
    @PropertyInject("bridge.erp.dynamics365.max-attempts")
    private int maxAttempts;
    @PropertyInject("bridge.erp.dynamics365.timeout")
    private String timeout;

    @PropertyInject("bridge.erp.dynamics365.order-cache-ttl")
    private String orderCacheTtl;

    @PropertyInject("bridge.sandbox.enabled")
    private boolean sandboxEnabled;

    private String effectiveSecret;
    private Dynamics365EnqueueClient client;

    @BindToRegistry
    public ErpModule dynamics365Module() {
        return new ErpModule(Dynamics365Entities.ERP, enabled);
    }

    @BindToRegistry
    public Dynamics365MeterMapper dynamics365MeterMapper() {
        return new Dynamics365MeterMapper();
    }

    @BindToRegistry
    public Dynamics365CounterMapper dynamics365CounterMapper() {
        return new Dynamics365CounterMapper(company);
    }

    @BindToRegistry
    public Dynamics365AlertMapper dynamics365AlertMapper() {
        return new Dynamics365AlertMapper(alertRequestType);
    }

    @BindToRegistry
    public synchronized Dynamics365EnqueueClient dynamics365Client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /** Machine, shift and work order for every document (the order looked up in ProductionOrderHeaders, cached). */
    // lazy: the shift calendar is another configuration class's bean, bound in whatever order the scan found them
    @BindToRegistry(lazy = true)
    public DocumentEnricher dynamics365Enricher(ShiftCalendar shiftCalendar) {
        return new DocumentEnricher(Dynamics365Entities.ERP, shiftCalendar, new CachedWorkOrders(
                new Dynamics365WorkOrders(dynamics365Client()), duration(orderCacheTtl), Clock.systemUTC()));
    }

    private Dynamics365EnqueueClient newClient() {
        return new Dynamics365EnqueueClient(new Dynamics365Settings(url, loginUrl, tenant, clientId, secret(),
                activityId, company, meterEntity, alertEntity, duration(tokenMargin), duration(maxRetryAfter), maxAttempts,
                duration(timeout)));
    }

    @Override
    public void configure(CamelContext camelContext) {
        // beans are bound by the annotated methods above
    }

    /**
     * The configured secret; when none is set and the sandbox runs, one made up for this process
     * and shared by the client and the sandbox's app registration (which takes the client's
     * settings), so the embedded default works
     * with no secret in any file. Without a sandbox an empty secret stays empty and the first
     * token request names the missing variable.
     */
    private synchronized String secret() {
        if (effectiveSecret == null) {
            boolean missing = clientSecret == null || clientSecret.isBlank();
            if (missing && sandboxEnabled) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                effectiveSecret = HexFormat.of().formatHex(random);
            } else {
                effectiveSecret = clientSecret == null ? "" : clientSecret;
            }
        }
        return effectiveSecret;
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
    }
}
