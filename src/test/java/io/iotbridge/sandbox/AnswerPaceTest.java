package io.iotbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AnswerPaceTest {

    @Test
    void requestsArrivingTogetherAreAnsweredOneIntervalApart() throws Exception {
        AnswerPace pace = new AnswerPace();
        pace.perSecond(20); // 50 ms apart
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> answered = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answered.add(callers.submit(() -> {
                    pace.await();
                    return System.nanoTime();
                }));
            }
            List<Long> times = new ArrayList<>();
            for (Future<Long> f : answered) {
                times.add(f.get());
            }
            times.sort(null);
            // six answers take at least five intervals, however fast the callers came
            assertThat((times.get(5) - times.get(0)) / 1e6).isGreaterThanOrEqualTo(240);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void offByDefaultAndAfterZero() throws Exception {
        AnswerPace pace = new AnswerPace();
        assertThat(pace.perSecond()).isZero();
        pace.perSecond(2);
        pace.perSecond(0);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            pace.await();
        }
        // 1,000 answers at 2 a second would take 500 s
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aNegativeOrEndlessRateIsRefusedByName() {
        AnswerPace pace = new AnswerPace();
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> pace.perSecond(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("answers per second");
        }
    }
}
