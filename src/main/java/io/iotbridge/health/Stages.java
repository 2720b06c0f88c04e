package io.iotbridge.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The pipeline's stages, each with a readiness check {@code stage:<name>} that goes DOWN when a
 * piece of work has waited longer than {@code bridge.health.stall-after}, and the gauges
 * {@code iotbridge_stage_backlog{stage}} and {@code iotbridge_stage_oldest_seconds{stage}}.
 */
public final class Stages {

    private final CamelContext context;
    private final Duration stallAfter;
    private final Clock clock;
    private final Map<String, StageProgress> stages = new ConcurrentHashMap<>();

    public Stages(CamelContext context, Duration stallAfter, Clock clock) {
        this.context = context;
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    /**
     * Refuses a stall time a healthy stage can reach: a meter window stays open for its length and
     * grace, and that of a sensor that fell silent until nothing came from it for another window
     * length, so a shorter stall time would call a quiet window a stall.
     */
    public static Duration stallAfter(Duration configured, Duration window, Duration grace) {
        Duration longest = window.multipliedBy(2).plus(grace);
        if (configured.compareTo(longest) <= 0) {
            throw new IllegalArgumentException("bridge.health.stall-after (" + configured + ") must be longer than "
                    + "2 x bridge.meter.window + bridge.meter.grace (" + longest + "): a window stays open that long "
                    + "without anything being stalled");
        }
        return configured;
    }

    /** A stage nobody watches: for a context without the bridge's configuration (the offline check). */
    public static StageProgress untracked(String name) {
        return new StageProgress(name, Clock.systemUTC(), work -> false);
    }

    /** The stage, made (with its check and gauges) on first use. */
    public StageProgress stage(String name) {
        return stage(name, work -> false);
    }

    /** As {@link #stage(String)}; {@code gone} tells work that can no longer finish in this stage. */
    public StageProgress stage(String name, Predicate<Object> gone) {
        return stages.computeIfAbsent(name, n -> {
            StageProgress stage = new StageProgress(n, clock, gone);
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(new StageHealthCheck(stage, stallAfter));
            }
            MeterRegistry metrics = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (metrics != null) {
                Gauge.builder("iotbridge.stage.backlog", stage, StageProgress::backlog).tag("stage", n)
                        .description("work waiting in the stage").register(metrics);
                Gauge.builder("iotbridge.stage.oldest", stage, s -> s.oldest().toMillis() / 1000.0).tag("stage", n)
                        .baseUnit("seconds").description("how long the oldest work in the stage has waited").register(metrics);
            }
            return stage;
        });
    }
}
