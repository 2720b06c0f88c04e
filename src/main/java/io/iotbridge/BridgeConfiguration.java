package io.iotbridge;

import io.iotbridge.api.ApiHttpEngine;
import io.iotbridge.buffer.Deliveries;
import io.iotbridge.buffer.RabbitConnections;
import io.iotbridge.buffer.RabbitTopology;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.ingest.SensorReadings;
import io.iotbridge.meter.MeterWindowAggregator;
import io.iotbridge.meter.MeterWindows;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.sandbox.SandboxRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The beans the route files use. Only what the DSL cannot say lives here: codecs, the meter
 * window arithmetic, the broker connection and its topology.
 */
@Configuration
public class BridgeConfiguration implements CamelConfiguration {

    @PropertyInject("bridge.rabbitmq.url")
    private String rabbitUrl;

    @PropertyInject("bridge.rabbitmq.queue-type")
    private String queueType;

    @PropertyInject("bridge.rabbitmq.delivery-limit")
    private int deliveryLimit;

    @PropertyInject("bridge.http.port")
    private int httpPort;

    @PropertyInject("bridge.meter.window")
    private String meterWindow;

    @PropertyInject("bridge.meter.grace")
    private String meterGrace;

    @BindToRegistry
    public ReadingJson readingJson() {
        return new ReadingJson();
    }

    @BindToRegistry
    public SensorReadings sensorReadings(ReadingJson readingJson) {
        return new SensorReadings(readingJson);
    }

    @BindToRegistry
    public MeterWindows meterWindows() {
        return new MeterWindows(duration(meterWindow), duration(meterGrace), Clock.systemUTC());
    }

    @BindToRegistry
    public MeterWindowAggregator meterWindowAggregator(MeterWindows meterWindows) {
        return new MeterWindowAggregator(meterWindows);
    }

    @BindToRegistry
    public ApiHttpEngine apiHttpEngine() {
        return new ApiHttpEngine(httpPort);
    }

    @BindToRegistry
    public Deliveries deliveries() {
        return new Deliveries();
    }

    @BindToRegistry
    public SandboxRecorder sandboxRecorder() {
        return new SandboxRecorder();
    }

    @BindToRegistry(beanPostProcess = true)
    public CachingConnectionFactory rabbitConnectionFactory(CamelContext camelContext) {
        // looked up when a connection opens, by then every module's configuration has bound its ErpModule
        Supplier<List<String>> modules = () -> camelContext.getRegistry().findByType(ErpModule.class).stream()
                .filter(ErpModule::enabled).map(ErpModule::name).sorted().toList();
        RabbitTopology topology = new RabbitTopology(modules,
                RabbitTopology.QueueType.valueOf(queueType.toUpperCase(java.util.Locale.ROOT)), deliveryLimit);
        return RabbitConnections.connectionFactory(rabbitUrl, topology);
    }

    @Override
    public void configure(CamelContext camelContext) {
        // beans are bound by the annotated methods above
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
    }
}
