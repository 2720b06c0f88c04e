package io.iotbridge.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.catalogue.CatalogueEntry;
import io.iotbridge.enrich.EnrichmentFixtures.MovableClock;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.status.SensorStatuses.Page;
import io.iotbridge.status.SensorStatuses.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sensor table's states (what a supervisor acts on) and its paging at the scale of a large plant. */
class SensorStatusesTest {

    private static final Duration SILENT_AFTER = Duration.ofMinutes(2);
    private final MovableClock clock = new MovableClock();
    private final SensorActivity activity = new SensorActivity(clock);
    private final List<CatalogueEntry> entries = new ArrayList<>();
    private final SensorStatuses statuses = new SensorStatuses(() -> entries, () -> activity, SILENT_AFTER, clock);

    @Test
    void aSensorWaitsUntilSilentAfterThenIsSilentUntilAReadingComes() {
        entries.add(entry("press07-temp"));
        assertThat(state("press07-temp")).isEqualTo(State.WAITING);
        clock.advance(SILENT_AFTER.plusSeconds(1));
        assertThat(state("press07-temp")).isEqualTo(State.SILENT);

        activity.taken(reading("press07-temp", 71.3));
        assertThat(state("press07-temp")).isEqualTo(State.OK);
        SensorStatuses.SensorStatus status = statuses.page("press07-temp", 0, 10, null).sensors().get(0);
        assertThat(status.last().value()).isEqualTo(71.3);
        assertThat(status.last().quality()).isEqualTo("GOOD");

        clock.advance(SILENT_AFTER.plusSeconds(1));
        assertThat(state("press07-temp")).isEqualTo(State.SILENT);
        assertThat(statuses.page("press07-temp", 0, 10, null).sensors().get(0).reason()).isEqualTo("last reading 2 min ago");
    }

    @Test
    void aSensorWhoseReadingsAreAllRefusedIsMarkedUntilOneIsTaken() {
        entries.add(entry("press07-temp"));
        activity.taken(reading("press07-temp", 70.0));
        clock.advance(Duration.ofSeconds(1));
        activity.refused("press07-temp", "unit-mismatch");
        assertThat(state("press07-temp")).isEqualTo(State.REFUSED);
        assertThat(statuses.page(null, 0, 10, "problems").sensors()).extracting(SensorStatuses.SensorStatus::sensorId)
                .containsExactly("press07-temp");

        clock.advance(Duration.ofSeconds(1));
        activity.taken(reading("press07-temp", 70.5));
        assertThat(state("press07-temp")).isEqualTo(State.OK);
        assertThat(statuses.page(null, 0, 10, "problems").total()).isZero();
    }

    @Test
    void aSensorWhoseLastDocumentWasDeadLetteredIsMarkedUntilOneIsBooked() {
        entries.add(entry("press07-temp"));
        activity.taken(reading("press07-temp", 70.0));
        clock.advance(Duration.ofSeconds(1));
        activity.deadLettered("sap-b1", "press07-temp:1764000000000:3", "Customer C20000 is inactive");
        assertThat(state("press07-temp")).isEqualTo(State.DEAD_LETTERED);
        assertThat(activity.deadLetterReasons("sap-b1")).isEqualTo(Map.of("Customer C20000 is inactive", 1L));

        clock.advance(Duration.ofSeconds(1));
        activity.booked("sap-b1", "press07-temp:1764000060000:4");
        assertThat(state("press07-temp")).isEqualTo(State.OK);
        assertThat(activity.lastAccepted("sap-b1")).isEqualTo(clock.instant());
    }

    @Test
    void tenThousandSensorsArePagedAndSearchedOnTheServer() {
        IntStream.range(0, 10_000).forEach(i -> entries.add(entry("tag-%05d".formatted(i))));
        IntStream.range(0, 10_000).forEach(i -> activity.taken(reading("tag-%05d".formatted(i), i)));

        long start = System.nanoTime();
        Page page = statuses.page(null, 9_990, 50, null);
        Page found = statuses.page("TAG-0042", 0, 50, null);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(page.total()).isEqualTo(10_000);
        assertThat(page.sensors()).hasSize(10).first().extracting(SensorStatuses.SensorStatus::sensorId).isEqualTo("tag-09990");
        assertThat(found.total()).isEqualTo(10);
        assertThat(found.sensors()).allSatisfy(s -> assertThat(s.sensorId()).startsWith("tag-0042"));
        assertThat(statuses.page(null, 0, 100_000, null).sensors()).hasSize(SensorStatuses.MAX_PAGE);
        // two pages of a 10,000-sensor catalogue well within one refresh of the page (3 s)
        assertThat(millis).isLessThan(1_000);
    }

    private State state(String sensorId) {
        return statuses.page(sensorId, 0, 10, null).sensors().get(0).state();
    }

    private Reading reading(String sensorId, double value) {
        return new Reading(sensorId, "PRESS-07", value, "Cel", clock.instant(), Quality.GOOD, "opcua", 0);
    }

    private static CatalogueEntry entry(String sensorId) {
        return new CatalogueEntry(sensorId, "opcua-line1-" + sensorId, "opcua", Map.of("server", "plc", "nodeId", "ns=2;s=" + sensorId),
                1000, "Cel", "PRESS-07", "sap-b1", "meter", "temperature", "Cel", "routes/sensors/line1.camel.yaml");
    }
}
