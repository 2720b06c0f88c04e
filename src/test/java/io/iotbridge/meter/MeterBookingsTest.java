package io.iotbridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.buffer.Deliveries;
import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.iotbridge.state.TempStateStore;

/**
 * A window replayed after its document was sent, merged with readings that arrived meanwhile:
 * the booked readings are not sent again under a key the ERP would answer "already booked" for
 * the new ones too. Each step reads the records from disk again, as a restarted bridge would.
 */
class MeterBookingsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
    private final MeterWindows windows = new MeterWindows(Duration.ofSeconds(10), Duration.ofSeconds(2), clock);
    private final MeterWindowAggregator aggregator = new MeterWindowAggregator(windows, new Deliveries(null, null));
    private final CamelContext camel = new DefaultCamelContext();

    @TempDir
    Path state;
    @org.junit.jupiter.api.extension.RegisterExtension
    final TempStateStore stateStore = new TempStateStore();

    @Test
    void readingsMergedIntoAReplayOfAnAcceptedPartAreSentAsAPartOfTheirOwn() {
        MeterWindow first = sendAndAccept(bookings(), closedWindow(1, 2, 3)).get(0);

        // the acks were lost (broker restart): the broker redelivers 1..3 with 4 and 5, which came meanwhile
        List<MeterBookings.Part> parts = bookings().parts(closedWindow(1, 2, 3, 4, 5));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).recorded().accepted()).isTrue();
        assertThat(ids(parts.get(0).readings())).containsExactly(id(1), id(2), id(3));
        Exchange booked = exchange(parts.get(0));
        bookings().open(booked);
        assertThat(booked.getProperty(MeterBookings.BOOKED, Boolean.class)).as("acknowledged, not sent again").isTrue();

        Exchange fresh = exchange(parts.get(1));
        MeterWindow second = bookings().open(fresh);
        assertThat(fresh.getProperty(MeterBookings.BOOKED, Boolean.class)).isFalse();
        assertThat(second.readingIds()).containsExactly(id(4), id(5));
        assertThat(second.windowPart()).isNotEqualTo(first.windowPart());
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.min()).isEqualTo(74.0);
    }

    @Test
    void aPartThatWasBeingSentWhenTheBridgeStoppedIsSentAgainUnderItsOwnKey() {
        MeterBookings before = bookings();
        MeterBookings.Part part = before.parts(closedWindow(2, 3)).get(0);
        MeterWindow sent = before.open(exchange(part));
        // stopped here: whether the ERP booked it is unknown

        List<MeterBookings.Part> parts = bookings().parts(closedWindow(1, 2, 3));

        assertThat(parts).hasSize(2);
        Exchange again = exchange(parts.get(0));
        MeterWindow resent = bookings().open(again);
        assertThat(again.getProperty(MeterBookings.BOOKED, Boolean.class)).as("sent again: maybe never booked").isFalse();
        assertThat(resent.windowPart()).isEqualTo(sent.windowPart());
        assertThat(resent.readingIds()).containsExactly(id(2), id(3));
        MeterWindow other = bookings().open(exchange(parts.get(1)));
        assertThat(other.readingIds()).containsExactly(id(1));
        assertThat(other.windowPart()).isNotEqualTo(sent.windowPart());
    }

    @Test
    void theRecordGoesOnceEveryReadingOfThePartIsAcknowledged() throws Exception {
        MeterPartStore store = store();
        store.sending("sap-b1", "press07-temp", T0.toEpochMilli(), "p", List.of(id(1), id(2)));
        store.settled("sap-b1", "press07-temp", T0.toEpochMilli(), "p", List.of(id(1), id(2)), Set.of(id(1)));
        assertThat(store().parts("sap-b1", "press07-temp", T0.toEpochMilli())).singleElement()
                .satisfies(r -> assertThat(r.acknowledged()).containsExactly(id(1)));

        store().settled("sap-b1", "press07-temp", T0.toEpochMilli(), "p", List.of(id(2)), Set.of(id(2)));

        assertThat(store().parts("sap-b1", "press07-temp", T0.toEpochMilli())).isEmpty();
        assertThat(stateStore.store().map("meter-parts")).as("no record is left behind").isEmpty();
    }

    private List<MeterWindow> sendAndAccept(MeterBookings bookings, Exchange closed) {
        return bookings.parts(closed).stream().map(part -> {
            Exchange exchange = exchange(part);
            MeterWindow window = bookings.open(exchange);
            bookings.close(exchange); // accepted; no broker delivery here, so nothing is acknowledged
            return window;
        }).toList();
    }

    private MeterBookings bookings() {
        return new MeterBookings(store(), new Deliveries(null, null));
    }

    private MeterPartStore store() {
        return new MeterPartStore(stateStore.store(), state.resolve("meter-parts"), Duration.ofDays(7), clock);
    }

    private Exchange closedWindow(int... seconds) {
        Exchange group = null;
        for (int s : seconds) {
            Exchange e = new DefaultExchange(camel);
            e.getMessage().setBody(reading(s));
            group = aggregator.aggregate(group, e);
        }
        aggregator.onCompletion(group);
        group.getMessage().setHeader("iotErp", "sap-b1");
        return group;
    }

    private Exchange exchange(MeterBookings.Part part) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader("iotErp", "sap-b1");
        e.getMessage().setBody(part);
        return e;
    }

    private static Reading reading(int second) {
        return new Reading("press07-temp", "PRESS-07", 70.0 + second, "Cel", T0.plusSeconds(second), Quality.GOOD,
                "opcua", second);
    }

    private static String id(int second) {
        return reading(second).id();
    }

    private static List<String> ids(List<Reading> readings) {
        return readings.stream().map(Reading::id).toList();
    }
}
