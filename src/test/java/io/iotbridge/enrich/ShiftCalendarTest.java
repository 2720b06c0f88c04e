package io.iotbridge.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The default plan in the repository: early/late Mon-Fri, night Sun-Thu from 22:00. */
    private final ShiftCalendar plan = ShiftCalendar.load(Path.of("config/shifts.properties"), BERLIN);

    @Test
    void theDefaultPlanAnswersWhichShiftRunsInThePlantsTimeZone() {
        // 2026-11-23 is a Monday
        assertThat(plan.shiftAt(at("2026-11-23T06:00"))).contains("early");
        assertThat(plan.shiftAt(at("2026-11-23T13:59"))).contains("early");
        assertThat(plan.shiftAt(at("2026-11-23T14:00"))).contains("late");
        // 05:30 UTC is 06:30 in Berlin: the zone counts, not UTC
        assertThat(plan.shiftAt(Instant.parse("2026-11-23T05:30:00Z"))).contains("early");
    }

    @Test
    void aShiftPastMidnightBelongsToTheDayItStartsOn() {
        // Sunday 22:00 starts the week's first night shift, which runs into Monday
        assertThat(plan.shiftAt(at("2026-11-22T21:59"))).isEmpty();
        assertThat(plan.shiftAt(at("2026-11-22T22:00"))).contains("night");
        assertThat(plan.shiftAt(at("2026-11-23T05:59"))).contains("night");
        // Thursday's night shift runs into Friday; Friday has no night shift, so Saturday morning is free
        assertThat(plan.shiftAt(at("2026-11-27T03:00"))).contains("night");
        assertThat(plan.shiftAt(at("2026-11-27T23:00"))).isEmpty();
        assertThat(plan.shiftAt(at("2026-11-28T03:00"))).isEmpty();
        assertThat(plan.shiftAt(at("2026-11-28T10:00"))).isEmpty();
    }

    @Test
    void noShiftStartsOnAHolidayButOneStartedTheDayBeforeRunsOn() {
        ShiftCalendar calendar = ShiftCalendar.parse("test", List.of(
                "day = 08:00-20:00", "night = 20:00-08:00", "holidays = 2026-12-25, 2026-12-26"), BERLIN);

        assertThat(calendar.shiftAt(at("2026-12-25T07:00"))).as("night of the 24th").contains("night");
        assertThat(calendar.shiftAt(at("2026-12-25T09:00"))).isEmpty();
        assertThat(calendar.shiftAt(at("2026-12-26T23:00"))).isEmpty();
        assertThat(calendar.shiftAt(at("2026-12-27T09:00"))).contains("day");
    }

    @Test
    void thePlannedShiftsAreThoseStartingInTheRangeEachToItsEndPastMidnightAndAroundHolidays() {
        ShiftCalendar calendar = ShiftCalendar.parse("test", List.of(
                "day = 08:00-20:00", "night = 20:00-08:00", "holidays = 2026-12-25"), BERLIN);

        // from 12:00 on the 24th: the day shift under way then is not one that starts in the range
        List<ShiftCalendar.PlannedShift> planned = calendar.plannedBetween(at("2026-12-24T12:00"), at("2026-12-27T08:00"));

        assertThat(planned).containsExactly(
                new ShiftCalendar.PlannedShift("night", at("2026-12-24T20:00"), at("2026-12-25T08:00")),
                // the 25th is a holiday: neither its day nor its night shift
                new ShiftCalendar.PlannedShift("day", at("2026-12-26T08:00"), at("2026-12-26T20:00")),
                new ShiftCalendar.PlannedShift("night", at("2026-12-26T20:00"), at("2026-12-27T08:00")));
    }

    @Test
    void anInvalidCalendarIsRefusedNamingTheFileTheLineAndTheReason() {
        assertRefused(List.of("early = 06:00-14:00", "late = 13:00-22:00"),
                "plant.properties:2: shift 'late' overlaps shift 'early' (line 1) on Mon at 13:00");
        assertRefused(List.of("# comment", "early = 6:00-14:00"),
                "plant.properties:2: shift 'early': expected '<HH:mm>-<HH:mm> [<days>]', found '6:00-14:00'");
        assertRefused(List.of("early = 06:00-24:00"), "plant.properties:1: '24:00' is no time of day");
        assertRefused(List.of("early = 06:00-14:00 Mon-Fry"), "plant.properties:1: 'Fry' is no day");
        assertRefused(List.of("early = 06:00-06:00"), "plant.properties:1: shift 'early' starts and ends at 06:00");
        assertRefused(List.of("early = 06:00-14:00", "early = 14:00-22:00"), "plant.properties:2: shift 'early' is defined twice");
        assertRefused(List.of("holidays = 2026-13-01", "early = 06:00-14:00"), "plant.properties:1: holiday '2026-13-01' is no date");
        assertRefused(List.of("early shift from six"), "plant.properties:1: expected");
        assertRefused(List.of("# nothing"), "plant.properties: defines no shift");
        assertThatThrownBy(() -> ShiftCalendar.fromSettings("config/shifts.properties", "Europe/Berlinn"))
                .isInstanceOf(InvalidShiftCalendarException.class).hasMessageContaining("bridge.shifts.zone: 'Europe/Berlinn'");
        assertThatThrownBy(() -> ShiftCalendar.fromSettings("config/no-such-file", ""))
                .isInstanceOf(InvalidShiftCalendarException.class).hasMessageStartingWith("config/no-such-file: cannot be read");
    }

    @Test
    void daysMayWrapPastSunday() {
        ShiftCalendar calendar = ShiftCalendar.parse("test", List.of("weekend = 06:00-18:00 Sat-Sun", "week = 06:00-18:00 Fri,Mon-Thu"), BERLIN);

        assertThat(calendar.shiftAt(at("2026-11-29T07:00"))).contains("weekend");
        assertThat(calendar.shiftAt(at("2026-11-27T07:00"))).contains("week");
        assertThat(calendar.shiftAt(at("2026-11-27T19:00"))).isEqualTo(Optional.empty());
    }

    private static void assertRefused(List<String> lines, String message) {
        assertThatThrownBy(() -> ShiftCalendar.parse("plant.properties", lines, BERLIN))
                .isInstanceOf(InvalidShiftCalendarException.class).hasMessageContaining(message);
    }

    private static Instant at(String berlinLocal) {
        return LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant();
    }
}
