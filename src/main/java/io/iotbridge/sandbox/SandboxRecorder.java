package io.iotbridge.sandbox;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandboxes' shared memory of accepted documents, per ERP, in arrival order: the newest
 * {@link #KEPT} of each, so an embedded default left running for days does not fill its heap.
 */
public class SandboxRecorder {

    /** Documents kept per ERP. */
    public static final int KEPT = 10_000;

    private final Map<String, ArrayDeque<SandboxRecord>> byErp = new ConcurrentHashMap<>();

    public void record(SandboxRecord record) {
        ArrayDeque<SandboxRecord> records = byErp.computeIfAbsent(record.erp(), erp -> new ArrayDeque<>());
        synchronized (records) {
            records.addLast(record);
            if (records.size() > KEPT) {
                records.removeFirst();
            }
        }
    }

    public List<SandboxRecord> documents(String erp) {
        ArrayDeque<SandboxRecord> records = byErp.get(erp);
        if (records == null) {
            return List.of();
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
