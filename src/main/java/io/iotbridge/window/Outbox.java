package io.iotbridge.window;

import io.iotbridge.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Closed windows whose documents the ERP has not accepted yet, in the state store, oldest first
 * per module. An entry goes in in the same state change that takes its window out of the open
 * windows, and leaves once the ERP accepted its document or its readings were dead-lettered; after
 * a restart its document is sent again, with the same key.
 */
final class Outbox {

    private final StateStore state;
    private final MVMap<String, byte[]> entries;
    private final AtomicLong sequence = new AtomicLong();

    Outbox(StateStore state) {
        this.state = state;
        this.entries = state.map("outbox");
        // one sequence for all modules: it goes on after the highest of any module's entries, or
        // a module's new entry could take the key of one of its own still waiting
        for (String erp : modules()) {
            String last = entries.lowerKey(erp + (char) (WindowId.SEP + 1));
            sequence.accumulateAndGet(Long.parseUnsignedLong(last.substring(last.lastIndexOf(WindowId.SEP) + 1), 16), Math::max);
        }
    }

    /** Queues the window's document; call inside a state change. Answers its key. */
    String put(ClosedWindow window) {
        String key = window.erp() + WindowId.SEP + String.format("%016x", sequence.incrementAndGet());
        entries.put(key, window.toBytes());
        return key;
    }

    /** The document was accepted, or its readings dead-lettered. */
    void remove(String key) {
        state.change(() -> {
            entries.remove(key);
            return state.changed();
        });
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Up to {@code max} entries of the module, oldest first, leaving out {@code skip}. */
    List<Map.Entry<String, ClosedWindow>> oldest(String erp, Set<String> skip, int max) {
        String prefix = erp + WindowId.SEP;
        List<Map.Entry<String, ClosedWindow>> found = new ArrayList<>();
        Cursor<String, byte[]> cursor = entries.cursor(prefix);
        while (found.size() < max && cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (!skip.contains(key)) {
                found.add(Map.entry(key, ClosedWindow.fromBytes(cursor.getValue())));
            }
        }
        return found;
    }

    /** The modules with documents waiting. */
    Set<String> modules() {
        Set<String> modules = new java.util.TreeSet<>();
        String key = entries.firstKey();
        while (key != null) {
            String erp = key.substring(0, key.indexOf(WindowId.SEP));
            modules.add(erp);
            key = entries.higherKey(erp + (char) (WindowId.SEP + 1));
        }
        return modules;
    }

    int size() {
        return entries.size();
    }
}
