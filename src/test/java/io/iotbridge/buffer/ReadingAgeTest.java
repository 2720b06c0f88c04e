package io.iotbridge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reading-to-ERP age a timer records never overflows Micrometer's nanoseconds. */
class ReadingAgeTest {

    @Test
    void anAgeOfCenturiesIsCappedAndAFutureReadingCountsAsNoAge() {
        long now = 1_796_000_000_000L;
        long year1000 = -30_610_224_000_000L;
        assertThat(Deliveries.age(now, now - 1500)).isEqualTo(1500);
        assertThat(Deliveries.age(now, now + 1500)).isZero();
        long capped = Deliveries.age(now, year1000);
        assertThat(Duration.ofMillis(capped).toNanos()).isPositive();
        assertThat(Deliveries.age(now, Long.MIN_VALUE)).as("the subtraction overflows").isEqualTo(Deliveries.MAX_AGE_MILLIS);
    }
}
