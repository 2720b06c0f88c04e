package io.iotbridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How long work waits in a stage and since when nothing finished; idle time before work came does not count. */
class StageProgressTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Set<Object> gone = new HashSet<>();
    private final StageProgress stage = new StageProgress("erp.x", clock, gone::contains);

    @Test
    void waitingWorkThatNothingFinishesStallsAndFinishingOneMovesTheStage() {
        now = now.plusSeconds(600);
        stage.waiting("a");
        assertThat(stage.stalledFor()).as("idle before: not a stall").isZero();
        now = now.plusSeconds(10);
        stage.waiting("b");
        now = now.plusSeconds(5);
        assertThat(stage.stalledFor()).isEqualTo(Duration.ofSeconds(15));
        assertThat(stage.oldest()).isEqualTo(Duration.ofSeconds(15));
        assertThat(stage.backlog()).isEqualTo(2);
        stage.done("a");
        assertThat(stage.stalledFor()).isZero();
        assertThat(stage.oldest()).isEqualTo(Duration.ofSeconds(5));
        stage.done("b");
        now = now.plusSeconds(100);
        assertThat(stage.stalledFor()).as("nothing waits").isZero();
    }

    @Test
    void workThatCanNoLongerFinishHereLeavesTheBacklog() {
        stage.waiting("a");
        gone.add("a");
        assertThat(stage.backlog()).isZero();
    }

    @Test
    void aStallTimeAHealthyWindowReachesIsRefused() {
        assertThatThrownBy(() -> Stages.stallAfter(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(2)))
                .hasMessageContaining("bridge.health.stall-after (PT1M) must be longer than");
        assertThat(Stages.stallAfter(Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofMinutes(5));
    }
}
