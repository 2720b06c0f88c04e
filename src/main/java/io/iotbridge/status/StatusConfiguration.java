package io.iotbridge.status;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.catalogue.CatalogueEntry;
import io.iotbridge.catalogue.CatalogueGate;
import io.iotbridge.catalogue.CatalogueWiring;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.health.CountersAtZero;
import io.iotbridge.health.StageProgress;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.TimeUtils;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The status page's beans: what each sensor last did ({@link SensorActivity}), GET /api/v1/status
 * ({@link BridgeStatus}) and the sensor table ({@link SensorStatuses}), the last two reading what
 * other packages keep, found in the registry when asked; and the counters registered at 0 once the
 * bridge runs.
 */
@Configuration
public class StatusConfiguration implements CamelConfiguration, CamelContextAware {

    @PropertyInject("bridge.status.silent-after")
    private String silentAfter;

    @PropertyInject("camel.management.port")
    private int managementPort;

    @PropertyInject("bridge.sandbox.enabled")
    private boolean sandboxEnabled;

    @PropertyInject("bridge.rabbitmq.url")
    private String rabbitUrl;

    private CamelContext camelContext;
    private SensorStatuses sensorStatuses;
    private BridgeStatus bridgeStatus;

    /** The last reading and outcome per sensor: the buffer, the errors and the deliveries report to it. */
    @BindToRegistry
    public SensorActivity sensorActivity() {
        return new SensorActivity(Clock.systemUTC());
    }

    @BindToRegistry
    public SensorStatuses sensorStatuses() {
        if (sensorStatuses == null) {
            sensorStatuses = new SensorStatuses(this::entries, this::activity, Duration.ofMillis(TimeUtils.toMilliSeconds(silentAfter)),
                    Clock.systemUTC());
        }
        return sensorStatuses;
    }

    @BindToRegistry
    public synchronized BridgeStatus bridgeStatus() {
        // made once: Camel Main binds a configuration class's beans twice (two post-processing passes)
        if (bridgeStatus != null) {
            return bridgeStatus;
        }
        BrokerFigures broker = new BrokerFigures(() -> camelContext.getRegistry().lookupByNameAndType(
                "rabbitConnectionFactory", CachingConnectionFactory.class), this::modules,
                erp -> io.iotbridge.buffer.ErpPartitions.of(camelContext.getPropertiesComponent()).queues(erp), Clock.systemUTC());
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                broker.close();
            }
        });
        bridgeStatus = new BridgeStatus(new RegistryParts(), new ConnectorStates(camelContext), broker, sensorStatuses(),
                brokerName(rabbitUrl), managementPort, sandboxEnabled, Clock.systemUTC());
        return bridgeStatus;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // nothing yet: the routes the counters share their names with start after this
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                MeterRegistry metrics = started.getRegistry().findSingleByType(MeterRegistry.class);
                if (metrics != null) {
                    CountersAtZero.register(started, metrics, modules());
                }
            }
        });
    }

    /** host:port/vhost of the broker: what the page names, never its user or password. */
    static String brokerName(String url) {
        try {
            URI uri = URI.create(url);
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "" : uri.getPath();
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        } catch (IllegalArgumentException e) {
            return RabbitConnections.redacted(url);
        }
    }

    private SensorActivity activity() {
        return camelContext.getRegistry().findSingleByType(SensorActivity.class);
    }

    private List<CatalogueEntry> entries() {
        CatalogueGate gate = catalogue();
        return gate == null ? List.of() : gate.entries();
    }

    private CatalogueGate catalogue() {
        return camelContext.getRegistry().lookupByNameAndType(CatalogueWiring.BEAN, CatalogueGate.class);
    }

    private List<String> modules() {
        return ErpModule.enabled(camelContext);
    }

    private final class RegistryParts implements BridgeStatus.Parts {
        @Override
        public List<String> modules() {
            return StatusConfiguration.this.modules();
        }

        @Override
        public CatalogueGate catalogue() {
            return StatusConfiguration.this.catalogue();
        }

        @Override
        public MeterRegistry metrics() {
            return camelContext.getRegistry().findSingleByType(MeterRegistry.class);
        }

        @Override
        public SensorActivity activity() {
            return StatusConfiguration.this.activity();
        }

        @Override
        public StageProgress stage(String erp) {
            return camelContext.getRegistry().findSingleByType(Deliveries.class).stage(erp);
        }
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
