package io.iotbridge.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotbridge.erp.ErpRejectedException;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Predicted alerts of {@link AlertDetector}: readings one second apart from T0. */
class TrendPredictionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** above 79 Cel, hysteresis 2, no cool-down; warn 60 s ahead from the last 2 minutes' trend */
    private static final AlertRule RULE = new AlertRule(79.0, null, 2, Duration.ZERO,
            Duration.ofSeconds(60), Duration.ofMinutes(2));

    private final AlertDetector detector = new AlertDetector();

    @Test
    void aSteadyRiseWarnsOnceAheadOfTheCrossingAndThenAlertsAtIt() {
        // 60 + 0.1 Cel/s reaches 79 at t = 190 s; within the 60 s lead from t = 130 s
        List<AlertEvent> alerts = feed(RULE, 0, 220, t -> 60 + 0.1 * t);

        assertThat(alerts).hasSize(2);
        AlertEvent warning = alerts.get(0);
        assertThat(warning.predicted()).isTrue();
        assertThat(warning.ts()).isEqualTo(T0.plusSeconds(130));
        assertThat(warning.predictedCrossing()).isEqualTo(T0.plusSeconds(190));
        assertThat(warning.lead()).isEqualTo(Duration.ofSeconds(60));
        assertThat(warning.threshold()).isEqualTo(79);
        assertThat(warning.direction()).isEqualTo(AlertDirection.ABOVE);
        assertThat(warning.key()).isEqualTo("alert:" + reading(130, 73).id());
        assertThat(warning.summary()).startsWith(AlertEvent.PREDICTED + "press07-temp above 79 Cel on PRESS-07 at "
                + T0.plusSeconds(190) + " (in 60 s): 73 Cel at " + T0.plusSeconds(130));

        AlertEvent real = alerts.get(1);
        assertThat(real.predicted()).isFalse();
        assertThat(real.ts()).isEqualTo(T0.plusSeconds(191)); // the first reading above 79
        assertThat(real.summary()).doesNotStartWith(AlertEvent.PREDICTED);
    }

    @Test
    void noiseAroundAFlatValueNearTheThresholdWarnsNever() {
        Random noise = new Random(3);

        // an hour of 76 ± 1.5 Cel: 1.5 below the threshold at its highest
        List<AlertEvent> alerts = feed(RULE, 0, 3_600, t -> 76 + noise.nextDouble() * 3 - 1.5);

        assertThat(alerts).isEmpty();
    }

    @Test
    void noiseJustUnderTheThresholdWithALongLeadWarnsNever() {
        // 78 ± 0.9 Cel against 79 with a 10-minute lead from 1-minute windows: a slope of a
        // thousandth of a degree per second would do, and noise tilts each window's line by more
        AlertRule longLead = new AlertRule(79.0, null, 2, Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(1));
        Random noise = new Random(5);

        List<AlertEvent> alerts = feed(longLead, 0, 3_600, t -> 78 + noise.nextDouble() * 1.8 - 0.9);

        assertThat(alerts).isEmpty();
    }

    @Test
    void withoutALeadTimeThereAreNoPredictions() {
        AlertRule noPrediction = new AlertRule(79.0, null, 2, Duration.ZERO);

        assertThat(feed(noPrediction, 0, 220, t -> 60 + 0.1 * t)).singleElement()
                .satisfies(a -> assertThat(a.predicted()).isFalse());
    }

    @Test
    void aWarnedRiseThatLevelsOffAndRisesAgainWarnsAgainOnlyAfterFallingBack() {
        // rises to 75 (warned: 79 within 60 s at 0.1/s from 73), stays rising slowly without
        // crossing, then falls back and rises again
        List<AlertEvent> first = feed(RULE, 0, 150, t -> 60 + 0.1 * t);
        List<AlertEvent> stillRising = feed(RULE, 151, 400, t -> 75 + 0.005 * (t - 150));
        List<AlertEvent> fallsBack = feed(RULE, 401, 600, t -> 76.25 - 0.05 * (t - 400));
        List<AlertEvent> risesAgain = feed(RULE, 601, 800, t -> 66.25 + 0.2 * (t - 600));

        assertThat(first).singleElement().satisfies(a -> assertThat(a.predicted()).isTrue());
        assertThat(stillRising).as("the same approach: disarmed").isEmpty();
        assertThat(fallsBack).isEmpty();
        assertThat(risesAgain).extracting(AlertEvent::predicted).containsExactly(true, false);
    }

    @Test
    void aFallTowardALowThresholdIsPredictedToo() {
        AlertRule low = new AlertRule(null, 10.0, 1, Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(1));

        List<AlertEvent> alerts = feed(low, 0, 120, t -> 20 - 0.1 * t); // below 10 after t = 100

        assertThat(alerts).extracting(AlertEvent::predicted).containsExactly(true, false);
        assertThat(alerts.get(0).predictedCrossing()).isEqualTo(T0.plusSeconds(100));
        assertThat(alerts.get(0).direction()).isEqualTo(AlertDirection.BELOW);
    }

    @Test
    void theWarningReadingRedeliveredGetsTheSameWarning() {
        List<AlertEvent> alerts = feed(RULE, 0, 140, t -> 60 + 0.1 * t);
        Reading warned = reading(130, 60 + 13.0);

        assertThat(detector.evaluate(warned, RULE)).isEqualTo(alerts.get(0));
    }

    @Test
    void aRefusedWarningReplayedFromTheDeadLettersIsTheSameWarning() {
        AlertEvent warning = feed(RULE, 0, 140, t -> 60 + 0.1 * t).get(0);
        String header = warning.direction() + " " + warning.predictedCrossing();

        AlertEvent replayed = new AlertDetector().replayed(reading(130, 73), RULE, header);

        assertThat(replayed).isEqualTo(warning);
        assertThatThrownBy(() -> detector.replayed(reading(130, 73), RULE, "SIDEWAYS soon"))
                .isInstanceOf(ErpRejectedException.class).hasMessageContaining("iotPredicted 'SIDEWAYS soon'");
    }

    @Test
    void predictionsKeepTheCoolDownAmongThemselvesButTheRealAlertStillFollows() {
        AlertRule coolDown = new AlertRule(79.0, null, 2, Duration.ofMinutes(30), Duration.ofSeconds(60),
                Duration.ofMinutes(2));

        List<AlertEvent> first = feed(coolDown, 0, 220, t -> 60 + 0.1 * t);
        List<AlertEvent> second = feed(coolDown, 221, 600, t -> 82 - 0.1 * (t - 220)); // back to 44
        List<AlertEvent> third = feed(coolDown, 601, 900, t -> 44 + 0.2 * (t - 600));

        assertThat(first).extracting(AlertEvent::predicted).containsExactly(true, false);
        assertThat(second).isEmpty();
        assertThat(third).as("within 30 minutes of both").isEmpty();
    }

    @Test
    void theCatalogueParametersAreReadAndBadOnesRefused() {
        assertThat(AlertRule.parse("s", "79", "", "2", "10m", "30m", ""))
                .isEqualTo(new AlertRule(79.0, null, 2, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(10)));
        assertThat(AlertRule.parse("s", "79", "", "2", "10m", "", "5m").predicts()).isFalse();
        assertThatThrownBy(() -> AlertRule.parse("s", "79", "", "2", "10m", "half an hour", "0s"))
                .isInstanceOf(ErpRejectedException.class)
                .hasMessageContaining("predictLead 'half an hour' is not a duration")
                .hasMessageContaining("predictWindow must be longer than 0");
    }

    private List<AlertEvent> feed(AlertRule rule, int from, int to, IntToDoubleFunction value) {
        List<AlertEvent> alerts = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            alerts.add(detector.evaluate(reading(t, value.applyAsDouble(t)), rule));
        }
        return alerts.stream().filter(Objects::nonNull).toList();
    }

    private static Reading reading(int second, double value) {
        return new Reading("press07-temp", "PRESS-07", value, "Cel", T0.plusSeconds(second), Quality.GOOD, "opcua", 0);
    }
}
