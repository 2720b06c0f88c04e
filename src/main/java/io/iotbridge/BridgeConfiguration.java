package io.iotbridge;

import io.iotbridge.alert.AlertDetector;
import io.iotbridge.buffer.BrokerPublisher;
import io.iotbridge.buffer.ConfirmedPublish;
import io.iotbridge.buffer.DeadLetters;
import io.iotbridge.buffer.Deliveries;
import io.iotbridge.buffer.DocumentOutcomes;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.catalogue.CatalogueGate;
import io.iotbridge.catalogue.CatalogueWiring;
import io.iotbridge.counter.CounterDeltas;
import io.iotbridge.counter.CounterStore;
import io.iotbridge.enrich.ShiftCalendar;
import io.iotbridge.erp.DeliveryRetryCounter;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.health.Stages;
import io.iotbridge.ingest.HttpIngest;
import io.iotbridge.ingest.ReadingLimits;
import io.iotbridge.ingest.ReceivedReadings;
import io.iotbridge.ingest.ReadingSchema;
import io.iotbridge.ingest.SensorReadings;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.state.StateStore;
import io.iotbridge.status.SensorActivity;
import io.iotbridge.window.Windows;
import io.iotbridge.tls.TrustStores;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.TimeUtils;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The beans the route files use. Only what the DSL cannot say lives here: codecs, the meter
 * window arithmetic, the broker connection, its topology and confirmed publishing. Beans that
 * depend on each other are built once here and shared, not looked up by type.
 */
@Configuration
public class BridgeConfiguration implements CamelConfiguration, CamelContextAware {

    @PropertyInject("bridge.rabbitmq.url")
    private String rabbitUrl;

    @PropertyInject("bridge.tls.truststore")
    private String truststore;

    @PropertyInject("bridge.tls.truststore-password")
    private String truststorePassword;

    @PropertyInject("bridge.rabbitmq.queue-type")
    private String queueType;

    @PropertyInject("bridge.rabbitmq.delivery-limit")
    private int deliveryLimit;

    @PropertyInject("bridge.rabbitmq.confirm-timeout")
    private long confirmTimeoutMillis;

    @PropertyInject("bridge.meter.window")
    private String meterWindow;

    @PropertyInject("bridge.meter.grace")
    private String meterGrace;

    @PropertyInject("bridge.meter.part-retention")
    private String meterPartRetention;

    @PropertyInject("bridge.erp.reading-id-margin")
    private String idMargin;

    @PropertyInject("bridge.erp.documents-in-flight")
    private int documentsInFlight;

    @PropertyInject("bridge.retry.max-delay")
    private long retryMaxDelay;

    @PropertyInject("bridge.readings.max-future")
    private String readingsMaxFuture;

    @PropertyInject("bridge.readings.max-age")
    private String readingsMaxAge;

    @PropertyInject("bridge.health.stall-after")
    private String stallAfter;

    @PropertyInject("bridge.state-dir")
    private String stateDir;

    @PropertyInject("bridge.historian.enabled")
    private boolean historianEnabled;

    @PropertyInject("bridge.shifts.file")
    private String shiftsFile;

    @PropertyInject(value = "bridge.shifts.zone", defaultValue = "")
    private String shiftsZone;

    private CamelContext camelContext;
    private ReadingJson readingJson;
    private CachingConnectionFactory connectionFactory;
    private BrokerPublisher publisher;
    private SSLContext tls;
    private Stages stages;
    private StateStore stateStore;
    private Windows windows;
    private SensorActivity sensorActivity;

    @BindToRegistry
    public ReadingJson readingJson() {
        if (readingJson == null) {
            readingJson = new ReadingJson();
        }
        return readingJson;
    }

    @BindToRegistry
    public SensorReadings sensorReadings() {
        // the modules are beans bound once at start: looked up once per ERP, not per reading
        Map<String, Optional<ErpModule>> modules = new ConcurrentHashMap<>();
        return new SensorReadings(readingJson(), new ReadingLimits(duration(readingsMaxFuture), duration(readingsMaxAge),
                Clock.systemUTC(), erp -> modules.computeIfAbsent(erp, e -> camelContext.getRegistry().findByType(ErpModule.class)
                        .stream().filter(m -> m.name().equals(e)).findFirst()), ReadingSchema.load().maxLengths()));
    }

    /** Counts readings of entries read as data as received (route catalogue-reading). */
    @BindToRegistry
    public ReceivedReadings receivedReadings() {
        return new ReceivedReadings();
    }

    /** Alert kind: per-sensor excursion state. */
    @BindToRegistry
    public AlertDetector alertDetector() {
        return new AlertDetector();
    }

    /**
     * Meter and counter kinds: readings into windows in the state store, acknowledged once durable;
     * closed windows' documents from a durable outbox. Counter deltas per window are kept there too.
     */
    @BindToRegistry
    public Windows windows() {
        // once: Camel may call a binding method more than once, and two of these on one state store
        // would each reopen its windows and send its outbox
        if (windows == null) {
            // registered before the state store's own strategy, so the windows stop before it closes
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopping(CamelContext context) {
                    ServiceHelper.stopService(windows.lifecycle());
                }

                @Override
                public void onContextStopped(CamelContext context) {
                    ServiceHelper.stopService(windows.lifecycle());
                }
            });
            CounterStore counters = new CounterStore(stateStore(), Path.of(stateDir, "counters"));
            windows = new Windows(camelContext, stateStore(), deliveries(), readingJson(), new CounterDeltas(counters),
                    counters, new Windows.Settings(duration(meterWindow), duration(meterGrace), duration(idMargin),
                    duration(meterPartRetention), documentsInFlight, Duration.ofMillis(retryMaxDelay)), Clock.systemUTC());
            // the windows' threads run with the context (Windows.lifecycle says why not the bean)
            try {
                camelContext.addStartupListener((context, alreadyStarted) -> ServiceHelper.startService(windows.lifecycle()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the meter and counter windows", e);
            }
        }
        return windows;
    }

    /** The ERP consumers' state file, {@code <bridge.state-dir>/erp-state.mv.db}, closed when the bridge stops. */
    private StateStore stateStore() {
        if (stateStore == null) {
            StateStore opened = StateStore.open(Path.of(stateDir, "erp-state.mv.db"));
            stateStore = opened;
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext context) {
                    opened.close();
                }
            });
        }
        return stateStore;
    }

    /** Every module's documents name the shift; an invalid calendar stops the start. */
    @BindToRegistry
    public ShiftCalendar shiftCalendar() {
        return ShiftCalendar.fromSettings(shiftsFile, shiftsZone);
    }

    /** POST /api/v1/readings: schema check, then each reading through its HTTP sensor's entry. */
    @BindToRegistry
    public HttpIngest httpIngest() {
        return new HttpIngest(ReadingSchema.load(),
                () -> camelContext.getRegistry().lookupByNameAndType(CatalogueWiring.BEAN, CatalogueGate.class), camelContext);
    }

    @BindToRegistry
    public SandboxRecorder sandboxRecorder() {
        return new SandboxRecorder();
    }

    @BindToRegistry(beanPostProcess = true)
    public CachingConnectionFactory rabbitConnectionFactory() {
        if (connectionFactory == null) {
            RabbitTopology topology = new RabbitTopology(this::enabledModules,
                    RabbitTopology.QueueType.valueOf(queueType.toUpperCase(Locale.ROOT)), deliveryLimit, historianEnabled);
            connectionFactory = RabbitConnections.connectionFactory(rabbitUrl, tls(), topology);
        }
        return connectionFactory;
    }

    /** The TLS context of the bridge's outgoing connections (bridge.tls.*). */
    @BindToRegistry
    public SSLContext tls() {
        if (tls == null) {
            tls = TrustStores.context(truststore, truststorePassword);
        }
        return tls;
    }

    @BindToRegistry
    public BrokerPublisher brokerPublisher() {
        if (publisher == null) {
            publisher = new BrokerPublisher(rabbitConnectionFactory(), Duration.ofMillis(confirmTimeoutMillis));
            BrokerPublisher stopping = publisher;
            // its connection is the publisher's own, not Spring's: closed once nothing is in flight any more
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext context) {
                    stopping.close();
                }
            });
        }
        return publisher;
    }

    /** The buffer route's publish step: asynchronous, done when the broker confirmed. */
    @BindToRegistry
    public ConfirmedPublish confirmedPublish() {
        return new ConfirmedPublish(brokerPublisher());
    }

    /** What became of each ERP document, for the historian (published only while it is on). */
    @BindToRegistry
    public DocumentOutcomes documentOutcomes() {
        return new DocumentOutcomes(brokerPublisher(), historianEnabled);
    }

    @BindToRegistry
    public Deliveries deliveries() {
        return new Deliveries(brokerPublisher(), stages(), sensorActivity());
    }

    /** The last reading and outcome per sensor, for the status page: the buffer, the errors and the deliveries report to it. */
    @BindToRegistry
    public SensorActivity sensorActivity() {
        if (sensorActivity == null) {
            sensorActivity = new SensorActivity(Clock.systemUTC());
        }
        return sensorActivity;
    }

    /** The pipeline's stages: a readiness check and gauges each, DOWN when work waits and nothing moves. */
    @BindToRegistry
    public Stages stages() {
        if (stages == null) {
            stages = new Stages(camelContext, Stages.stallAfter(duration(stallAfter), duration(meterWindow),
                    duration(meterGrace)), Clock.systemUTC());
        }
        return stages;
    }

    @BindToRegistry
    public DeliveryRetryCounter deliveryRetryCounter() {
        return new DeliveryRetryCounter();
    }

    @BindToRegistry
    public DeadLetters deadLetters() {
        return new DeadLetters(rabbitConnectionFactory(), brokerPublisher(), this::enabledModules);
    }

    private List<String> enabledModules() {
        return ErpModule.enabled(camelContext);
    }

    @Override
    public void configure(CamelContext camelContext) {
        // beans are bound by the annotated methods above
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
    }
}
