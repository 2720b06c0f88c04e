package io.iotbridge.health;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code stage:<name>}: DOWN while a piece of work has waited in the stage longer than the stall
 * time, naming how much waits and for how long. Readiness only: the stage moves again once
 * what holds it is fixed, and a restart would only hand the same work to the same stall.
 */
final class StageHealthCheck extends AbstractHealthCheck {

    private final StageProgress stage;
    private final Duration stallAfter;

    StageHealthCheck(StageProgress stage, Duration stallAfter) {
        super("stage", "stage:" + stage.name());
        this.stage = stage;
        this.stallAfter = stallAfter;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int backlog = stage.backlog();
        Duration oldest = stage.oldest();
        builder.detail("stage", stage.name());
        builder.detail("backlog", backlog);
        builder.detail("oldest.seconds", oldest.toSeconds());
        // by the oldest piece, not by the last one finished: a stage whose other work moves on
        // while one window or one message is stuck is stalled all the same
        if (oldest.compareTo(stallAfter) > 0) {
            builder.message(stage.name() + " is stalled: " + backlog + " waiting, the oldest for " + oldest.toSeconds()
                    + " s, the last finished " + stage.stalledFor().toSeconds() + " s ago (bridge.health.stall-after "
                    + stallAfter + ")");
            builder.down();
        } else {
            builder.message(stage.name() + ": " + backlog + " waiting");
            builder.up();
        }
    }
}
