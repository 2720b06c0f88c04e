package io.iotbridge.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A module's work-order lookup with a time to live per machine (bridge.erp.&lt;erp&gt;.order-cache-ttl),
 * so many documents of one machine cost one ERP call per TTL. "No order" is cached too: a machine
 * that has none is not asked about again for every reading window.
 */
public final class CachedWorkOrders {

    private record Entry(Optional<WorkOrder> order, Instant expires) {
    }

    private final WorkOrderLookup lookup;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedWorkOrders(WorkOrderLookup lookup, Duration ttl, Clock clock) {
        this.lookup = lookup;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The order last looked up for the machine while it is fresh; never asks the ERP (the historian's use). */
    public Optional<WorkOrder> known(String machineId) {
        Entry entry = cache.get(machineId);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? Optional.empty() : entry.order();
    }

    public Optional<WorkOrder> inProgress(String machineId) {
        Instant now = clock.instant();
        Entry entry = cache.get(machineId);
        if (entry == null || !now.isBefore(entry.expires())) {
            // a failing lookup throws and caches nothing, so the next document asks again
            entry = new Entry(lookup.inProgress(machineId), now.plus(ttl));
            cache.put(machineId, entry);
        }
        return entry.order();
    }
}
