package io.iotbridge.window;

import com.rabbitmq.client.Channel;
import io.iotbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The ids of readings the windows took, so that a reading the broker delivers again is counted
 * once: from the moment it is in a window until {@code margin} after its acknowledgement, or for
 * the whole {@code retention} when its acknowledgement may not have reached the broker (a
 * consumer channel that closed within the margin, a restart: the broker then delivers it again,
 * maybe much later). A reading taken but never acknowledged (a crash) stays for the retention.
 *
 * <p>Both maps live in the state store, so the ids survive a crash and take no heap: {@code ids}
 * (module and reading id to expiry) and {@code expiring} (the same, ordered by expiry, for
 * pruning). An expiry is kept positive while it is "margin after acknowledgement" and negative
 * while it is "retention".
 */
final class ReadingIds {

    private final StateStore state;
    private final MVMap<String, Long> ids;
    private final MVMap<String, Boolean> expiring;
    private final Duration margin;
    private final Duration retention;
    private final Clock clock;
    /** Consumer channels acknowledgements went out on lately, with the time of the latest. */
    private final Map<Channel, Long> channels = new ConcurrentHashMap<>();
    /** When a channel that carried acknowledgements closed (or the bridge started). */
    private final List<Long> losses = new ArrayList<>();

    ReadingIds(StateStore state, Duration margin, Duration retention, Clock clock) {
        this.state = state;
        this.ids = state.map("reading-ids");
        this.expiring = state.map("reading-ids-expiring");
        this.margin = margin;
        this.retention = retention;
        this.clock = clock;
        // acknowledgements sent just before the bridge stopped may not have reached the broker
        losses.add(clock.millis());
    }

    /** Whether the reading is in a window or was acknowledged recently; call inside a state change. */
    boolean taken(String erp, String readingId) {
        return ids.containsKey(key(erp, readingId));
    }

    /** The reading is now in a window; call inside a state change. */
    void hold(String erp, String readingId) {
        expire(key(erp, readingId), -(clock.millis() + retention.toMillis()));
    }

    /** Its acknowledgement went out on {@code channel}; call inside a state change. */
    void acknowledged(String erp, String readingId, Channel channel) {
        long now = clock.millis();
        channels.put(channel, now);
        expire(key(erp, readingId), now + margin.toMillis());
    }

    /** The readings were dead-lettered, not booked: a copy replayed later counts again. */
    void forget(String erp, List<String> readingIds) {
        state.change(() -> {
            for (String id : readingIds) {
                String key = key(erp, id);
                Long old = ids.remove(key);
                if (old != null) {
                    expiring.remove(expiringKey(Math.abs(old), key));
                }
            }
            return state.changed();
        });
    }

    /** Drops what expired; answers how many ids it dropped. Call outside a state change. */
    int prune() {
        long now = clock.millis();
        noteClosedChannels(now);
        List<String> due = new ArrayList<>();
        Cursor<String, Boolean> cursor = expiring.cursor(null);
        while (cursor.hasNext() && due.size() < 100_000) {
            String k = cursor.next();
            if (Long.parseUnsignedLong(k.substring(0, 16), 16) > now) {
                break;
            }
            due.add(k);
        }
        return state.change(() -> {
            int dropped = 0;
            for (String k : due) {
                String key = k.substring(17);
                Long expiry = ids.get(key);
                expiring.remove(k);
                if (expiry == null || !k.startsWith(String.format("%016x", Math.abs(expiry)))) {
                    continue; // re-keyed meanwhile
                }
                long ackedAt = expiry - margin.toMillis();
                if (expiry > 0 && lostBetween(ackedAt, expiry)) {
                    expire(key, -(ackedAt + retention.toMillis()));
                } else {
                    ids.remove(key);
                    dropped++;
                }
            }
            state.changed();
            return dropped;
        });
    }

    int size() {
        return ids.size();
    }

    private void expire(String key, long expiry) {
        Long old = ids.put(key, expiry);
        if (old != null) {
            expiring.remove(expiringKey(Math.abs(old), key));
        }
        expiring.put(expiringKey(Math.abs(expiry), key), Boolean.TRUE);
    }

    private synchronized void noteClosedChannels(long now) {
        for (Iterator<Map.Entry<Channel, Long>> it = channels.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Channel, Long> e = it.next();
            if (!e.getKey().isOpen()) {
                losses.add(now);
                it.remove();
            } else if (e.getValue() < now - margin.toMillis()) {
                it.remove();
            }
        }
        losses.removeIf(t -> t < now - 2 * margin.toMillis());
    }

    private synchronized boolean lostBetween(long from, long to) {
        return losses.stream().anyMatch(t -> t >= from && t <= to);
    }

    private static String key(String erp, String readingId) {
        return erp + WindowId.SEP + readingId;
    }

    private static String expiringKey(long expiry, String key) {
        return String.format("%016x", expiry) + WindowId.SEP + key;
    }
}
