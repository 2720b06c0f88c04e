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
import org.junit.jupiter.api.Test;

class AlertDetectorTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final AlertRule ABOVE_80 = new AlertRule(80.0, null, 2, Duration.ofMinutes(10));

    private final AlertDetector detector = new AlertDetector();
    private long second;

    @Test
    void oneAlertPerExcursionNamingTheStartingReading() {
        List<AlertEvent> alerts = feed(ABOVE_80, 75, 81, 85, 90, 83);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualTo(81);
            assertThat(a.threshold()).isEqualTo(80);
            assertThat(a.direction()).isEqualTo(AlertDirection.ABOVE);
            assertThat(a.ts()).isEqualTo(T0.plusSeconds(1));
            assertThat(a.readingIds()).containsExactly("press07-temp:" + T0.plusSeconds(1).toEpochMilli() + ":0");
            assertThat(a.key()).isEqualTo("alert:press07-temp:" + T0.plusSeconds(1).toEpochMilli() + ":0");
            assertThat(a.machineId()).isEqualTo("PRESS-07");
        });
    }

    @Test
    void hoveringAroundTheThresholdWithinTheHysteresisRaisesNoSecondAlert() {
        AlertRule noCoolDown = new AlertRule(80.0, null, 2, Duration.ZERO);

        List<AlertEvent> alerts = feed(noCoolDown, 79, 80.5, 79.5, 80.8, 78.5, 81, 79);

        assertThat(alerts).hasSize(1);
    }

    @Test
    void anExcursionEndsPastThresholdMinusHysteresisAndTheNextOneAlertsAgain() {
        AlertRule noCoolDown = new AlertRule(80.0, null, 2, Duration.ZERO);

        List<AlertEvent> alerts = feed(noCoolDown, 81, 78, 82);

        assertThat(alerts).extracting(AlertEvent::value).containsExactly(81.0, 82.0);
    }

    @Test
    void noNewAlertWithinTheCoolDownButAfterIt() {
        AlertRule coolDown = new AlertRule(80.0, null, 2, Duration.ofSeconds(10));

        List<AlertEvent> within = feed(coolDown, 81, 70, 82); // t=0..2 s: second excursion cooling down
        second = 20;
        List<AlertEvent> after = feed(coolDown, 70, 83); // t=20..21 s

        assertThat(within).extracting(AlertEvent::value).containsExactly(81.0);
        assertThat(after).extracting(AlertEvent::value).containsExactly(83.0);
    }

    @Test
    void belowThresholdsAlertToo() {
        AlertRule low = new AlertRule(null, 10.0, 1, Duration.ZERO);

        List<AlertEvent> alerts = feed(low, 12, 9, 10.5, 9.5, 11.5, 8);

        assertThat(alerts).extracting(AlertEvent::value).containsExactly(9.0, 8.0);
        assertThat(alerts).allSatisfy(a -> assertThat(a.direction()).isEqualTo(AlertDirection.BELOW));
    }

    @Test
    void theStartingReadingRedeliveredGetsTheSameAlertAndAFreshDetectorToo() {
        Reading start = reading(85, 5);
        AlertEvent first = detector.evaluate(start, ABOVE_80);

        AlertEvent again = detector.evaluate(start, ABOVE_80);
        AlertEvent afterRestart = new AlertDetector().evaluate(start, ABOVE_80);

        assertThat(again).isEqualTo(first);
        assertThat(afterRestart).isEqualTo(first);
    }

    @Test
    void aRefusedStartingReadingReplayedAfterItsExcursionEndedAlertsAgainAndLeavesTheStateAlone() {
        List<AlertEvent> live = feed(ABOVE_80, 81, 70); // the alert, then the excursion ends
        Reading start = reading(81, 0);
        AlertDetector seenTheSame = new AlertDetector();
        seenTheSame.evaluate(start, ABOVE_80);
        seenTheSame.evaluate(reading(70, 1), ABOVE_80);

        AlertEvent replayed = detector.replayed(start, ABOVE_80);

        assertThat(replayed).isEqualTo(live.get(0));
        // as a live reading it falls within the cool-down it started itself
        assertThat(seenTheSame.evaluate(start, ABOVE_80)).isNull();
        // the replay opened no excursion: after the cool-down the next crossing alerts
        second = 20 * 60;
        assertThat(feed(ABOVE_80, 85)).extracting(AlertEvent::value).containsExactly(85.0);
    }

    @Test
    void badReadingsNeverAlert() {
        Reading bad = new Reading("press07-temp", "PRESS-07", 99.0, "Cel", T0, Quality.BAD, "opcua", 0);

        assertThat(detector.evaluate(bad, ABOVE_80)).isNull();
    }

    @Test
    void catalogueParametersAreParsedAndBadOnesRefused() {
        AlertRule rule = AlertRule.parse("s", "79", "", "2", "10m");

        assertThat(rule).isEqualTo(new AlertRule(79.0, null, 2, Duration.ofMinutes(10)));
        assertThat(AlertRule.parse("s", null, "5", null, null)).isEqualTo(new AlertRule(null, 5.0, 0, Duration.ZERO));
        assertThatThrownBy(() -> AlertRule.parse("s", "hot", "", "0", "0s"))
                .isInstanceOf(ErpRejectedException.class).hasMessageContaining("alertAbove 'hot'");
        assertThatThrownBy(() -> AlertRule.parse("s", "", "", "0", "0s"))
                .isInstanceOf(ErpRejectedException.class).hasMessageContaining("neither alertAbove nor alertBelow");
        assertThatThrownBy(() -> AlertRule.parse("s", "1", "", "-1", "0s"))
                .isInstanceOf(ErpRejectedException.class).hasMessageContaining("hysteresis");
    }

    /** Feeds values one second apart (from {@link #second}) and returns the alerts raised. */
    private List<AlertEvent> feed(AlertRule rule, double... values) {
        List<AlertEvent> alerts = new ArrayList<>();
        for (double v : values) {
            alerts.add(detector.evaluate(reading(v, second++), rule));
        }
        return alerts.stream().filter(Objects::nonNull).toList();
    }

    private static Reading reading(double value, long atSecond) {
        return new Reading("press07-temp", "PRESS-07", value, "Cel", T0.plusSeconds(atSecond), Quality.GOOD, "opcua", 0);
    }
}
