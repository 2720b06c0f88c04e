package io.iotbridge.buffer;

import io.iotbridge.erp.ErpModule;
import io.iotbridge.health.Stages;
import io.iotbridge.status.SensorActivity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The RabbitMQ buffer (bridge.rabbitmq.*): the connection and its topology, confirmed publishing,
 * the deliveries to the ERP consumers and the dead letters. Every bean here is bound lazily, as each
 * takes another package's bean or one that does: Camel resolves the parameters at first lookup, when
 * every configuration class has bound its beans, whatever order the package scan found them in.
 */
@Configuration
public class BufferConfiguration {

    @BindToRegistry(lazy = true, beanPostProcess = true)
    public CachingConnectionFactory rabbitConnectionFactory(CamelContext camelContext, SSLContext tls,
            @PropertyInject("bridge.rabbitmq.url") String url, @PropertyInject("bridge.rabbitmq.queue-type") String queueType,
            @PropertyInject("bridge.rabbitmq.delivery-limit") int deliveryLimit,
            @PropertyInject("bridge.historian.enabled") boolean historianEnabled, ErpPartitions erpPartitions) {
        RabbitTopology topology = new RabbitTopology(enabledModules(camelContext),
                RabbitTopology.QueueType.valueOf(queueType.toUpperCase(Locale.ROOT)), deliveryLimit, historianEnabled,
                erpPartitions);
        return RabbitConnections.connectionFactory(url, tls, topology);
    }

    /** One queue per ERP module, or N partition queues each (bridge.erp.partitions). */
    @BindToRegistry(lazy = true)
    public ErpPartitions erpPartitions(@PropertyInject("bridge.erp.partitions") int partitions) {
        return new ErpPartitions(partitions);
    }

    /** The spring-rabbitmq consumers' containers: home partitions first, the others as a standby later. */
    @BindToRegistry(lazy = true)
    public HomePartitions homePartitions(CamelContext camelContext,
            @PropertyInject("bridge.erp.partitions.home") String home,
            @PropertyInject("bridge.erp.partitions.standby-after") String standbyAfter) {
        return new HomePartitions(HomePartitions.parse(home),
                Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(standbyAfter)),
                camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "erp-partition-standby"));
    }

    @BindToRegistry(lazy = true)
    public BrokerPublisher brokerPublisher(CamelContext camelContext, CachingConnectionFactory rabbitConnectionFactory,
            @PropertyInject("bridge.rabbitmq.confirm-timeout") long confirmTimeoutMillis) {
        BrokerPublisher publisher = new BrokerPublisher(rabbitConnectionFactory, Duration.ofMillis(confirmTimeoutMillis));
        // its connection is the publisher's own, not Spring's: closed once nothing is in flight any more
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                publisher.close();
            }
        });
        return publisher;
    }

    /** The buffer route's publish step: asynchronous, done when the broker confirmed. */
    @BindToRegistry(lazy = true)
    public ConfirmedPublish confirmedPublish(CamelContext camelContext, BrokerPublisher brokerPublisher,
            @PropertyInject("bridge.rabbitmq.batch-size") int batchSize,
            @PropertyInject("bridge.rabbitmq.batch-linger") long batchLingerMillis) {
        ReadingBatches batches = new ReadingBatches(brokerPublisher, batchSize, Duration.ofMillis(batchLingerMillis),
                camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "reading-batches"));
        // after the routes stopped (graceful shutdown lets the last batches go out): fails what is left
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                batches.close();
            }
        });
        return new ConfirmedPublish(brokerPublisher, batches);
    }

    /** What became of each ERP document, for the historian (published only while it is on). */
    @BindToRegistry(lazy = true)
    public DocumentOutcomes documentOutcomes(BrokerPublisher brokerPublisher,
            @PropertyInject("bridge.historian.enabled") boolean historianEnabled) {
        return new DocumentOutcomes(brokerPublisher, historianEnabled);
    }

    @BindToRegistry(lazy = true)
    public Deliveries deliveries(BrokerPublisher brokerPublisher, Stages stages, SensorActivity sensorActivity) {
        return new Deliveries(brokerPublisher, stages, sensorActivity);
    }

    @BindToRegistry(lazy = true)
    public DeadLetters deadLetters(CamelContext camelContext, CachingConnectionFactory rabbitConnectionFactory,
            BrokerPublisher brokerPublisher, ErpPartitions erpPartitions) {
        return new DeadLetters(rabbitConnectionFactory, brokerPublisher, enabledModules(camelContext), erpPartitions);
    }

    private static Supplier<List<String>> enabledModules(CamelContext camelContext) {
        return () -> ErpModule.enabled(camelContext);
    }
}
