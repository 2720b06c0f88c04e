package io.iotbridge.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per ERP module, shared by the module's document kinds: the erp-consumer
 * template's circuitBreaker steps refer to it as bean {@code erp-<erp>-breaker}. Each enabled
 * module gets a readiness check {@code erp:<erp>} (DOWN while its breaker is open) and the gauge
 * {@code iotbridge_erp_breaker_state{erp}}.
 *
 * <p>Bound after the configuration classes (which bind the {@link ErpModule}s) and before the
 * context starts, when the routes that look the breakers up are built. A business rejection
 * ({@link ErpRejectedException}) is not a failure of the ERP's availability and is not recorded.
 */
public final class ErpBreakers extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ErpBreakers.class);

    /** The registry name the erp-consumer template looks a module's breaker up by. */
    public static String beanName(String erp) {
        return "erp-" + erp + "-breaker";
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        for (ErpModule module : modules(context)) {
            // disabled modules too: their route is still built (autoStartup false) and looks it up
            CircuitBreaker breaker = CircuitBreaker.of("erp-" + module.name(), config(context, module.name()));
            breaker.getEventPublisher().onStateTransition(event -> LOG.warn(
                    "ERP {}: circuit breaker {} ({})", module.name(), event.getStateTransition().getToState(),
                    explain(event.getStateTransition().getToState())));
            context.getRegistry().bind(beanName(module.name()), breaker);
            if (module.enabled() && health != null) {
                health.register(new ErpBreakerHealthCheck(module.name(), breaker));
            }
        }
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        for (ErpModule module : modules(context)) {
            CircuitBreaker breaker = context.getRegistry().lookupByNameAndType(beanName(module.name()), CircuitBreaker.class);
            if (module.enabled() && breaker != null) {
                Gauge.builder("iotbridge.erp.breaker.state", breaker, b -> stateValue(b.getState()))
                        .description("0 closed, 1 half-open (probing), 2 open (deliveries wait)")
                        .tag("erp", module.name()).register(meters);
            }
        }
    }

    /** 0 closed, 1 half-open, 2 open: higher is worse. */
    static double stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }

    private static String explain(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> "deliveries are not attempted; documents wait in the outbox, alert readings in the queue";
            case HALF_OPEN -> "probing the ERP with one delivery";
            default -> "deliveries resume";
        };
    }

    private static List<ErpModule> modules(CamelContext context) {
        return context.getRegistry().findByType(ErpModule.class).stream()
                .sorted(java.util.Comparator.comparing(ErpModule::name)).toList();
    }

    /** The module's bridge.erp.&lt;erp&gt;.breaker.* settings; each must be set (application.properties). */
    static CircuitBreakerConfig config(CamelContext context, String erp) {
        int minimumCalls = Integer.parseInt(setting(context, erp, "minimum-calls"));
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(Float.parseFloat(setting(context, erp, "failure-rate")))
                // the rate is that of the last minimum-calls deliveries
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(minimumCalls)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(Duration.ofMillis(TimeUtils.toMilliSeconds(setting(context, erp, "wait-in-open"))))
                // one probe decides: closed again when the ERP answers it, open again when not
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreException(ErpBreakers::isRejection)
                // open-state refusals happen at every retry; their stack trace says nothing
                .writableStackTraceEnabled(false)
                .build();
    }

    private static boolean isRejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErpRejectedException) {
                return true;
            }
        }
        return false;
    }

    private static String setting(CamelContext context, String erp, String name) {
        String key = "bridge.erp." + erp + ".breaker." + name;
        return context.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("ERP module " + erp + " has no " + key
                        + ": set it in application.properties (docs/operator.md, \"Configuration reference\")"));
    }
}
