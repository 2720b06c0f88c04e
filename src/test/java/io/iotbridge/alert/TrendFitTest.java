package io.iotbridge.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendFitTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aLineThroughExactPointsIsThatLineAndReachesALevelWhereItSays() {
        // v = 50 + 0.2 t: at t = 100 s it is 70, and reaches 80 at t = 150 s
        TrendFit fit = TrendFit.of(points(0, 100, t -> 50 + 0.2 * t));

        assertThat(fit.slopePerSecond()).isCloseTo(0.2, within(1e-9));
        assertThat(fit.valueAtEnd()).isCloseTo(70, within(1e-9));
        assertThat(fit.slopeError()).isCloseTo(0, within(1e-9));
        assertThat(fit.end()).isEqualTo(T0.plusSeconds(100));
        assertThat(fit.reaches(80, AlertDirection.ABOVE)).isEqualTo(T0.plusSeconds(150));
        assertThat(fit.reaches(40, AlertDirection.BELOW)).as("a rising line never falls to a level").isNull();
    }

    @Test
    void aFallingLineReachesALevelBelowIt() {
        TrendFit fit = TrendFit.of(points(0, 60, t -> 20 - 0.1 * t)); // 14 at t = 60, 10 at t = 100

        assertThat(fit.reaches(10, AlertDirection.BELOW)).isEqualTo(T0.plusSeconds(100));
        assertThat(fit.reaches(30, AlertDirection.ABOVE)).isNull();
    }

    @Test
    void theLineAveragesNoiseAwayAndKnowsItsError() {
        Random noise = new Random(7);
        // the same rise with ±1 of noise: slope within a few standard errors of the truth
        TrendFit fit = TrendFit.of(points(0, 300, t -> 50 + 0.05 * t + noise.nextDouble() * 2 - 1));

        assertThat(fit.slopeError()).isGreaterThan(0);
        assertThat(fit.slopePerSecond()).isCloseTo(0.05, within(3 * fit.slopeError()));
        assertThat(fit.valueAtEnd()).isCloseTo(65, within(0.5));
        assertThat(fit.heading(AlertDirection.ABOVE)).isTrue();
    }

    @Test
    void noiseAroundAFlatValueIsNoTrend() {
        Random noise = new Random(11);
        TrendFit fit = TrendFit.of(points(0, 300, t -> 70 + noise.nextDouble() * 2 - 1));

        assertThat(fit.heading(AlertDirection.ABOVE)).isFalse();
        assertThat(fit.heading(AlertDirection.BELOW)).isFalse();
        assertThat(fit.reaches(71.5, AlertDirection.ABOVE)).isNull();
    }

    @Test
    void aLinePastTheLevelAlreadyReachesItAtItsNewestReading() {
        TrendFit fit = TrendFit.of(points(0, 40, t -> 70 + 0.5 * t)); // 90 at the end

        assertThat(fit.reaches(80, AlertDirection.ABOVE)).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void tooFewReadingsOrAllAtOneTimeFitNoLine() {
        assertThat(TrendFit.of(points(0, TrendFit.MIN_POINTS - 2, t -> t))).isNull();
        assertThat(TrendFit.of(points(0, TrendFit.MIN_POINTS - 1, t -> t))).isNotNull();
        List<TrendFit.Point> oneTime = new ArrayList<>();
        for (int i = 0; i < TrendFit.MIN_POINTS; i++) {
            oneTime.add(new TrendFit.Point(T0, i));
        }
        assertThat(TrendFit.of(oneTime)).isNull();
    }

    private static List<TrendFit.Point> points(int from, int to, java.util.function.IntToDoubleFunction value) {
        List<TrendFit.Point> points = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            points.add(new TrendFit.Point(T0.plusSeconds(t), value.applyAsDouble(t)));
        }
        return points;
    }
}
