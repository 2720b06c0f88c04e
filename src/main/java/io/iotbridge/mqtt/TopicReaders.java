package io.iotbridge.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;

/**
 * The readers of one broker connection, found by topic: a map for plain topics, a list for
 * filters with wildcards. Each message looks its readers up, and with thousands of entries on one
 * connection a scan of all of them per message would cost more than the message.
 */
final class TopicReaders {

    private final Map<String, Set<TopicReader>> byTopic = new ConcurrentHashMap<>();
    private final Set<TopicReader> wildcards = new CopyOnWriteArraySet<>();

    void add(TopicReader reader) {
        if (wild(reader.filter())) {
            wildcards.add(reader);
        } else {
            byTopic.computeIfAbsent(reader.filter().filter(), t -> new CopyOnWriteArraySet<>()).add(reader);
        }
    }

    void remove(TopicReader reader) {
        if (wild(reader.filter())) {
            wildcards.remove(reader);
        } else {
            byTopic.computeIfPresent(reader.filter().filter(), (t, set) -> {
                set.remove(reader);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The live readers of a message on this topic. */
    List<TopicReader> of(String topic) {
        List<TopicReader> readers = new ArrayList<>();
        Set<TopicReader> exact = byTopic.get(topic);
        if (exact != null) {
            exact.stream().filter(TopicReader::isLive).forEach(readers::add);
        }
        wildcards.stream().filter(r -> r.filter().matches(topic) && r.isLive()).forEach(readers::add);
        return readers;
    }

    /** Whether any reader subscribes with this subscription (filter, and group if shared). */
    boolean anySubscribes(String subscription) {
        return all().stream().anyMatch(r -> r.filter().subscription().equals(subscription));
    }

    List<TopicReader> all() {
        List<TopicReader> all = new ArrayList<>(wildcards);
        byTopic.values().forEach(all::addAll);
        return all;
    }

    void removeIf(Predicate<TopicReader> test) {
        all().stream().filter(test).forEach(this::remove);
    }

    private static boolean wild(TopicFilter filter) {
        return filter.filter().contains("+") || filter.filter().contains("#");
    }
}
