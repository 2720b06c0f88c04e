package io.iotbridge.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sandboxes' shared memory of accepted documents, per ERP, in arrival order. */
public class SandboxRecorder {

    private final Map<String, List<SandboxRecord>> byErp = new ConcurrentHashMap<>();

    public void record(SandboxRecord record) {
        byErp.computeIfAbsent(record.erp(), erp -> new CopyOnWriteArrayList<>()).add(record);
    }

    public List<SandboxRecord> documents(String erp) {
        return List.copyOf(byErp.getOrDefault(erp, List.of()));
    }
}
