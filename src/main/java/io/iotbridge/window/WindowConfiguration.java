package io.iotbridge.window;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.counter.CounterDeltas;
import io.iotbridge.counter.CounterStore;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Meter and counter kinds (bean windows): readings into windows in the state store, acknowledged once
 * durable; closed windows' documents from a durable outbox; counter deltas per window kept there too.
 * Bound lazily, as it takes other packages' beans (see BufferConfiguration).
 */
@Configuration
public class WindowConfiguration {

    @PropertyInject("bridge.meter.window")
    private Duration meterWindow;

    @PropertyInject("bridge.meter.grace")
    private Duration meterGrace;

    @PropertyInject("bridge.meter.part-retention")
    private Duration partRetention;

    @PropertyInject("bridge.erp.reading-id-margin")
    private Duration idMargin;

    @PropertyInject("bridge.erp.documents-in-flight")
    private int documentsInFlight;

    @PropertyInject("bridge.retry.max-delay")
    private long retryMaxDelayMillis;

    @PropertyInject("bridge.state-dir")
    private String stateDir;

    @BindToRegistry(lazy = true)
    public Windows windows(CamelContext camelContext, Deliveries deliveries, ReadingJson readingJson) {
        // the ERP consumers' state file, <bridge.state-dir>/erp-state.mv.db
        StateStore state = StateStore.open(Path.of(stateDir, "erp-state.mv.db"));
        Windows windows;
        try {
            CounterStore counters = new CounterStore(state, Path.of(stateDir, "counters"));
            windows = new Windows(camelContext, state, deliveries, readingJson, new CounterDeltas(counters), counters,
                    new Windows.Settings(meterWindow, meterGrace, idMargin, partRetention, documentsInFlight,
                            Duration.ofMillis(retryMaxDelayMillis)), Clock.systemUTC());
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        // one strategy, so the windows stop before the state store closes
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                ServiceHelper.stopService(windows.lifecycle());
            }

            @Override
            public void onContextStopped(CamelContext context) {
                ServiceHelper.stopService(windows.lifecycle());
                state.close();
            }
        });
        // the windows' threads run with the context (Windows.lifecycle says why not the bean)
        try {
            camelContext.addStartupListener((context, alreadyStarted) -> ServiceHelper.startService(windows.lifecycle()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the meter and counter windows", e);
        }
        return windows;
    }
}
