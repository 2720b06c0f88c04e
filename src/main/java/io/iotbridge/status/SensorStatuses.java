package io.iotbridge.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.iotbridge.catalogue.CatalogueEntry;
import io.iotbridge.status.SensorActivity.LastReading;
import io.iotbridge.status.SensorActivity.Outcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Each running catalogue entry with what happened to its readings: the last value and a state a
 * supervisor acts on. Paged and searched here, so the page fetches one page of a 10,000-sensor
 * catalogue, never all of it.
 */
public final class SensorStatuses {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    /** What a sensor needs, in the order the page sorts problems first. */
    public enum State {
        /** every recent reading was refused at ingest (iot.rejected) */
        REFUSED,
        /** the last document carrying its readings was refused by the ERP (dead letters) */
        DEAD_LETTERED,
        /** no reading for longer than bridge.status.silent-after */
        SILENT,
        /** started less than bridge.status.silent-after ago and no reading yet */
        WAITING,
        OK;

        boolean problem() {
            return this == REFUSED || this == DEAD_LETTERED || this == SILENT;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SensorStatus(String sensorId, String machineId, String source, String erp, String kind,
                               String field, String unit, State state, String reason, LastReading last,
                               long taken, long refused, long deadLettered) {
    }

    /** One page: {@code total} entries matched the search and filter, {@code problems} of them need attention. */
    public record Page(int total, int offset, int limit, long problems, Map<State, Long> states, List<SensorStatus> sensors) {
    }

    private final Supplier<List<CatalogueEntry>> entries;
    private final Supplier<SensorActivity> activity;
    private final Duration silentAfter;
    private final Clock clock;

    public SensorStatuses(Supplier<List<CatalogueEntry>> entries, Supplier<SensorActivity> activity, Duration silentAfter, Clock clock) {
        this.entries = entries;
        this.activity = activity;
        this.silentAfter = silentAfter;
        this.clock = clock;
    }

    /**
     * @param search case-insensitive part of the sensor id, machine, ERP, source or file; all when blank
     * @param only   {@code problems} for the sensors that need attention only; all otherwise
     */
    public Page page(String search, Integer offset, Integer limit, String only) {
        int from = offset == null || offset < 0 ? 0 : offset;
        int size = limit == null || limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        boolean problemsOnly = "problems".equals(only);
        Instant now = clock.instant();
        List<SensorStatus> matched = entries.get().stream()
                .filter(e -> needle.isEmpty() || matches(e, needle))
                .map(e -> status(e, now))
                .filter(s -> !problemsOnly || s.state().problem())
                .toList();
        Map<State, Long> states = new EnumMap<>(State.class);
        matched.forEach(s -> states.merge(s.state(), 1L, Long::sum));
        long problems = matched.stream().filter(s -> s.state().problem()).count();
        List<SensorStatus> page = matched.stream().skip(from).limit(size).toList();
        return new Page(matched.size(), from, size, problems, states, page);
    }

    /** How many running entries are in each state. */
    public Map<State, Long> counts() {
        Instant now = clock.instant();
        Map<State, Long> states = new EnumMap<>(State.class);
        entries.get().forEach(e -> states.merge(status(e, now).state(), 1L, Long::sum));
        return states;
    }

    private static boolean matches(CatalogueEntry e, String needle) {
        return Stream.of(e.sensorId(), e.machineId(), e.erp(), e.source(), e.file(), e.kind())
                .anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(needle));
    }

    SensorStatus status(CatalogueEntry e, Instant now) {
        Optional<Outcomes> outcomes = activity.get().of(e.sensorId());
        Outcomes o = outcomes.orElse(null);
        State state;
        String reason = null;
        LastReading last = o == null ? null : o.last();
        Instant lastTaken = last == null ? null : last.receivedAt();
        if (o != null && o.lastRefusedAt() != null && after(o.lastRefusedAt(), lastTaken)
                && o.lastRefusedAt().plus(silentAfter).isAfter(now)) {
            state = State.REFUSED;
            reason = "readings refused at ingest: " + o.lastRefusal()
                    + (lastTaken == null ? " (none taken since start)" : " (last taken " + ago(lastTaken, now) + ")");
        } else if (o != null && o.lastDeadLetteredAt() != null && after(o.lastDeadLetteredAt(), o.lastBookedAt())) {
            state = State.DEAD_LETTERED;
            reason = "the ERP refused its last document: " + o.lastDeadLetter();
        } else if (lastTaken != null && lastTaken.plus(silentAfter).isAfter(now)) {
            state = State.OK;
        } else if (lastTaken != null) {
            state = State.SILENT;
            reason = "last reading " + ago(lastTaken, now);
        } else if (activity.get().started().plus(silentAfter).isAfter(now)) {
            state = State.WAITING;
            reason = "no reading yet";
        } else {
            state = State.SILENT;
            reason = "no reading since the bridge started " + ago(activity.get().started(), now);
        }
        return new SensorStatus(e.sensorId(), e.machineId(), e.source(), e.erp(), e.kind(), e.field(), e.fieldUnit(),
                state, reason, last, o == null ? 0 : o.taken(), o == null ? 0 : o.refused(), o == null ? 0 : o.deadLettered());
    }

    private static boolean after(Instant event, Instant other) {
        return other == null || event.isAfter(other);
    }

    private static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
