package io.iotbridge.enrich;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which shift runs at an instant, from a plant's shift calendar file (bridge.shifts.file, format in
 * config/shifts.properties and docs/plant-engineer.md, "Enrichment"): one line per shift,
 * {@code <name> = <HH:mm>-<HH:mm> [<days>]}, and optionally {@code holidays = <date>, ...}. A
 * shift whose end is not after its start runs past midnight and belongs to the day it starts on;
 * on a holiday no shift starts. Shifts may leave gaps (no shift then) but never overlap.
 */
public final class ShiftCalendar {

    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    private static final Pattern LINE = Pattern.compile("([^=\\s]+)\\s*=\\s*(.*)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,19}");
    private static final Pattern SHIFT = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})(?:\\s+(\\S+))?");
    private static final String HOLIDAYS = "holidays";

    private final ZoneId zone;
    /** Per minute of the week (Monday 00:00 = 0): the shift running, or null. */
    private final String[] shiftAt = new String[MINUTES_PER_WEEK];
    /** Per minute of the week: the minute of the week its shift started. */
    private final int[] startedAt = new int[MINUTES_PER_WEEK];
    /** Only filled while parsing. */
    private final Set<LocalDate> holidays = new HashSet<>();

    private ShiftCalendar(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The calendar of bridge.shifts.file in bridge.shifts.zone (blank: the machine's time zone).
     *
     * @throws InvalidShiftCalendarException naming the file and line, or the zone, and the reason
     */
    public static ShiftCalendar fromSettings(String file, String zone) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidShiftCalendarException("bridge.shifts.zone: '" + zone + "' is no time zone (e.g. Europe/Berlin)", e);
        }
        return load(Path.of(file), zoneId);
    }

    /** @throws InvalidShiftCalendarException naming the file, the line and the reason */
    public static ShiftCalendar load(Path file, ZoneId zone) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidShiftCalendarException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines, zone);
    }

    static ShiftCalendar parse(String source, List<String> lines, ZoneId zone) {
        ShiftCalendar calendar = new ShiftCalendar(zone);
        int[] lineOfShift = new int[MINUTES_PER_WEEK];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Matcher entry = LINE.matcher(text);
            if (!entry.matches()) {
                throw invalid(source, lineNo, "expected '<shift> = <HH:mm>-<HH:mm> [<days>]' or 'holidays = <yyyy-MM-dd>, ...', found '" + text + "'");
            }
            String name = entry.group(1);
            String value = entry.group(2).strip();
            if (name.equals(HOLIDAYS)) {
                calendar.holidays.addAll(dates(source, lineNo, value));
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw invalid(source, lineNo, "shift name '" + name + "' must be 1-20 letters, digits, '_' or '-'");
            }
            if (!names.add(name)) {
                throw invalid(source, lineNo, "shift '" + name + "' is defined twice");
            }
            Matcher shift = SHIFT.matcher(value);
            if (!shift.matches()) {
                throw invalid(source, lineNo, "shift '" + name + "': expected '<HH:mm>-<HH:mm> [<days>]', found '" + value + "'");
            }
            int start = minuteOfDay(source, lineNo, shift.group(1));
            int end = minuteOfDay(source, lineNo, shift.group(2));
            if (start == end) {
                throw invalid(source, lineNo, "shift '" + name + "' starts and ends at " + shift.group(1));
            }
            int length = end > start ? end - start : MINUTES_PER_DAY - start + end;
            Set<DayOfWeek> days = shift.group(3) == null ? EnumSet.allOf(DayOfWeek.class) : days(source, lineNo, shift.group(3));
            for (DayOfWeek day : days) {
                int first = (day.getValue() - 1) * MINUTES_PER_DAY + start;
                for (int m = 0; m < length; m++) {
                    int minute = (first + m) % MINUTES_PER_WEEK;
                    String other = calendar.shiftAt[minute];
                    if (other != null) {
                        throw invalid(source, lineNo, "shift '" + name + "' overlaps shift '" + other
                                + "' (line " + lineOfShift[minute] + ") on " + dayName(minute) + " at " + clock(minute));
                    }
                    calendar.shiftAt[minute] = name;
                    calendar.startedAt[minute] = first;
                    lineOfShift[minute] = lineNo;
                }
            }
        }
        if (names.isEmpty()) {
            throw new InvalidShiftCalendarException(source + ": defines no shift");
        }
        return calendar;
    }

    /** The shift running at {@code t}, if any (none in a gap, on a day without that shift, or on a holiday). */
    public Optional<String> shiftAt(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        int minute = (local.getDayOfWeek().getValue() - 1) * MINUTES_PER_DAY + local.getHour() * 60 + local.getMinute();
        String shift = shiftAt[minute];
        if (shift == null) {
            return Optional.empty();
        }
        int elapsed = Math.floorMod(minute - startedAt[minute], MINUTES_PER_WEEK);
        LocalDate startDay = local.toLocalDateTime().minusMinutes(elapsed).toLocalDate();
        return holidays.contains(startDay) ? Optional.empty() : Optional.of(shift);
    }

    /** One shift as planned: its name and when it starts and ends. */
    public record PlannedShift(String name, Instant start, Instant end) {
    }

    /**
     * Every shift that starts in [from, to), in order, each to its end: the planned time the KPIs
     * measure against (holidays have none). Walks the minutes, as the calendar itself is kept.
     */
    public List<PlannedShift> plannedBetween(Instant from, Instant to) {
        List<PlannedShift> planned = new ArrayList<>();
        Instant first = from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String running = null;
        Instant since = null;
        for (Instant at = first; at.isBefore(to) || running != null; at = at.plusSeconds(60)) {
            String now = shiftAt(at).orElse(null);
            int minute = minuteOfWeek(at.atZone(zone));
            boolean starts = now != null && startedAt[minute] == minute;
            if (running != null && (now == null || starts)) {
                planned.add(new PlannedShift(running, since, at));
                running = null;
            }
            if (starts && at.isBefore(to)) {
                running = now;
                since = at;
            }
        }
        return planned;
    }

    private static int minuteOfWeek(ZonedDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * MINUTES_PER_DAY + local.getHour() * 60 + local.getMinute();
    }

    public ZoneId zone() {
        return zone;
    }

    private static int minuteOfDay(String source, int lineNo, String hhmm) {
        try {
            LocalTime time = LocalTime.parse(hhmm);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeException e) {
            throw invalid(source, lineNo, "'" + hhmm + "' is no time of day (HH:mm, 00:00-23:59)");
        }
    }

    /** {@code Mon-Fri}, {@code Sat,Sun}, {@code Sun-Thu} (a range may wrap past Sunday). */
    private static Set<DayOfWeek> days(String source, int lineNo, String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw invalid(source, lineNo, "days '" + spec + "': '" + part + "' is no day or range of days");
            }
            DayOfWeek from = day(source, lineNo, range[0]);
            DayOfWeek to = range.length == 2 ? day(source, lineNo, range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String source, int lineNo, String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(text.strip())) {
                return d;
            }
        }
        throw invalid(source, lineNo, "'" + text + "' is no day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    private static List<LocalDate> dates(String source, int lineNo, String value) {
        List<LocalDate> dates = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                dates.add(LocalDate.parse(part.strip()));
            } catch (DateTimeException e) {
                throw invalid(source, lineNo, "holiday '" + part.strip() + "' is no date (yyyy-MM-dd)");
            }
        }
        return dates;
    }

    private static String dayName(int minuteOfWeek) {
        return DayOfWeek.of(minuteOfWeek / MINUTES_PER_DAY + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String clock(int minuteOfWeek) {
        int m = minuteOfWeek % MINUTES_PER_DAY;
        return String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
    }

    private static InvalidShiftCalendarException invalid(String source, int lineNo, String reason) {
        return new InvalidShiftCalendarException(source + ":" + lineNo + ": " + reason);
    }
}
