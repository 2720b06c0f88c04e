package io.iotbridge.ingest;

import io.iotbridge.catalogue.CatalogueGate;
import io.iotbridge.catalogue.CatalogueWiring;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.reading.ReadingJson;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * How readings come in: each one checked against its entry's limits (bean sensorReadings), counted
 * as received (receivedReadings), or posted to POST /api/v1/readings (httpIngest). A bean that takes
 * another package's bean is bound lazily: Camel resolves its parameters at first lookup, when every
 * configuration class has bound its beans, whatever order the package scan found them in.
 */
@Configuration
public class IngestConfiguration {

    @BindToRegistry(lazy = true)
    public SensorReadings sensorReadings(CamelContext camelContext, ReadingJson readingJson,
            @PropertyInject("bridge.readings.max-future") Duration maxFuture,
            @PropertyInject("bridge.readings.max-age") Duration maxAge) {
        // the modules are beans bound once at start: looked up once per ERP, not per reading
        Map<String, Optional<ErpModule>> modules = new ConcurrentHashMap<>();
        return new SensorReadings(readingJson, new ReadingLimits(maxFuture, maxAge, Clock.systemUTC(),
                erp -> modules.computeIfAbsent(erp, e -> camelContext.getRegistry().findByType(ErpModule.class)
                        .stream().filter(m -> m.name().equals(e)).findFirst()), ReadingSchema.load().maxLengths()));
    }

    /** Counts readings of entries read as data as received (route catalogue-reading). */
    @BindToRegistry
    public ReceivedReadings receivedReadings() {
        return new ReceivedReadings();
    }

    /** POST /api/v1/readings: schema check, then each reading through its HTTP sensor's entry. */
    @BindToRegistry
    public HttpIngest httpIngest(CamelContext camelContext) {
        return new HttpIngest(ReadingSchema.load(),
                () -> camelContext.getRegistry().lookupByNameAndType(CatalogueWiring.BEAN, CatalogueGate.class), camelContext);
    }
}
