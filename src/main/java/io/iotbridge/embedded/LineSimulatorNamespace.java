package io.iotbridge.embedded;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The address space of {@link LineSimulator}: folder {@code Line1}, one folder per machine and
 * one variable per {@link LineSignal}, with String node ids {@code Line1/<machine>/<signal>}.
 * A scheduled task moves every value twice a second; a node given a value by hand
 * ({@link #set}) keeps it until {@link #resume} hands it back to the simulation.
 *
 * <p>For load tests it can also hold {@code generated} Double variables
 * {@code Line1/GEN-<i>/Value} (i from 1), organized directly under {@code Line1} (no folder per
 * node, to keep thousands of them cheap), each changing once a second.
 */
final class LineSimulatorNamespace extends ManagedNamespaceWithLifecycle {

    static final String LINE = "Line1";
    private static final long TICK_MILLIS = 500;
    /** The scale target's load: every tag changes once a second. */
    private static final long GENERATED_TICK_MILLIS = 1000;

    private final List<String> machines;
    private final int generated;
    private final List<UaVariableNode> generatedNodes = new java.util.ArrayList<>();
    private final SubscriptionModel subscriptionModel;
    private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final Map<String, MachineState> states = new ConcurrentHashMap<>();
    private final Random random = new Random();
    private ScheduledExecutorService ticker;

    LineSimulatorNamespace(OpcUaServer server, String namespaceUri, List<String> machines, int generated) {
        super(server, namespaceUri);
        this.machines = List.copyOf(machines);
        this.generated = generated;
        this.subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(this::addNodes);
        getLifecycleManager().addLifecycle(new Lifecycle() {
            @Override
            public void startup() {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "line-simulator-ticker");
                    thread.setDaemon(true);
                    return thread;
                });
                ticker.scheduleAtFixedRate(LineSimulatorNamespace.this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (generated > 0) {
                    ticker.scheduleAtFixedRate(LineSimulatorNamespace.this::tickGenerated,
                            GENERATED_TICK_MILLIS, GENERATED_TICK_MILLIS, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void shutdown() {
                ticker.shutdownNow();
            }
        });
    }

    static String identifier(String machine, LineSignal signal) {
        return LINE + "/" + machine + "/" + signal.browseName();
    }

    static String generatedIdentifier(int index) {
        return LINE + "/GEN-" + index + "/Value";
    }

    /** Sets a node's value and status by hand; the simulation leaves it alone from then on. */
    synchronized void set(String identifier, Object value, StatusCode status) {
        UaVariableNode node = node(identifier);
        pinned.add(identifier);
        DateTime now = DateTime.now();
        node.setValue(new DataValue(value == null ? Variant.NULL_VALUE : new Variant(value), status, now, now));
    }

    /** Gives a node set by hand back to the simulation. */
    synchronized void resume(String identifier) {
        node(identifier);
        pinned.remove(identifier);
    }

    private UaVariableNode node(String identifier) {
        UaVariableNode node = nodes.get(identifier);
        if (node == null) {
            throw new IllegalArgumentException("no simulated node " + identifier + "; known: " + nodes.keySet());
        }
        return node;
    }

    private void addNodes() {
        UaFolderNode line = folder(LINE);
        line.addReference(new Reference(line.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        for (String machine : machines) {
            UaFolderNode machineFolder = folder(LINE + "/" + machine);
            line.addOrganizes(machineFolder);
            for (LineSignal signal : LineSignal.values()) {
                UaVariableNode variable = variable(identifier(machine, signal), signal);
                machineFolder.addOrganizes(variable);
            }
            states.put(machine, MachineState.initial(random));
        }
        for (int i = 1; i <= generated; i++) {
            String identifier = generatedIdentifier(i);
            UaVariableNode variable = generatedVariable(identifier, "GEN-" + i);
            line.addOrganizes(variable);
            generatedNodes.add(variable);
        }
        tick();
        tickGenerated();
    }

    private UaFolderNode folder(String identifier) {
        String name = identifier.substring(identifier.lastIndexOf('/') + 1);
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(identifier),
                newQualifiedName(name), LocalizedText.english(name));
        getNodeManager().addNode(folder);
        return folder;
    }

    private UaVariableNode variable(String identifier, LineSignal signal) {
        NodeId dataType = signal == LineSignal.PART_COUNT ? NodeIds.Int64 : NodeIds.Double;
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(identifier))
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setBrowseName(newQualifiedName(signal.browseName()))
                .setDisplayName(LocalizedText.english(signal.browseName()))
                .setDescription(LocalizedText.english(signal.browseName() + " [" + signal.unit() + "]"))
                .setDataType(dataType)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .build();
        getNodeManager().addNode(node);
        nodes.put(identifier, node);
        return node;
    }

    private UaVariableNode generatedVariable(String identifier, String name) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(identifier))
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(NodeIds.Double)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .build();
        getNodeManager().addNode(node);
        nodes.put(identifier, node);
        return node;
    }

    /**
     * Gives every generated node a new value. Each value differs from the last (a counter plus
     * noise), so a monitored item with the default deadband reports every change.
     */
    private synchronized void tickGenerated() {
        if (generatedNodes.isEmpty()) {
            return;
        }
        DateTime now = DateTime.now();
        long second = System.currentTimeMillis() / 1000;
        for (int i = 0; i < generatedNodes.size(); i++) {
            String identifier = generatedIdentifier(i + 1);
            if (!pinned.contains(identifier)) {
                double value = (second % 100_000) + i * 0.001 + random.nextDouble() * 0.0001;
                generatedNodes.get(i).setValue(new DataValue(new Variant(value), StatusCode.GOOD, now, now));
            }
        }
    }

    /** One simulation step for every machine; synchronized so a tick cannot overwrite a {@link #set}. */
    private synchronized void tick() {
        DateTime now = DateTime.now();
        double hoursPerTick = TICK_MILLIS / 3_600_000.0;
        for (String machine : machines) {
            MachineState state = states.get(machine);
            state.advance(random, hoursPerTick);
            publish(machine, LineSignal.TEMPERATURE, state.temperature, now);
            publish(machine, LineSignal.VIBRATION, state.vibration, now);
            publish(machine, LineSignal.RUN_HOURS, state.runHours, now);
            publish(machine, LineSignal.PART_COUNT, state.partCount, now);
        }
    }

    private void publish(String machine, LineSignal signal, Object value, DateTime now) {
        String identifier = identifier(machine, signal);
        if (!pinned.contains(identifier)) {
            nodes.get(identifier).setValue(new DataValue(new Variant(value), StatusCode.GOOD, now, now));
        }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }

    /** A machine's simulated process values: temperature and vibration wander, counters only grow. */
    private static final class MachineState {
        double temperature;
        double vibration;
        double runHours;
        long partCount;

        static MachineState initial(Random random) {
            MachineState state = new MachineState();
            state.temperature = 65 + random.nextDouble() * 10;
            state.vibration = 3;
            state.runHours = 1000 + random.nextInt(9000);
            state.partCount = random.nextInt(50_000);
            return state;
        }

        void advance(Random random, double hours) {
            // pulled back towards 70 °C so the walk stays in 60-80
            temperature = clamp(temperature + (70 - temperature) * 0.05 + random.nextGaussian() * 0.6, 60, 80);
            vibration = clamp(3.5 + random.nextGaussian() * 1.5, 1, 8);
            runHours += hours;
            partCount += 1 + random.nextInt(3);
            temperature = round(temperature, 2);
            vibration = round(vibration, 2);
        }

        private static double clamp(double value, double min, double max) {
            return Math.max(min, Math.min(max, value));
        }

        private static double round(double value, int decimals) {
            double factor = Math.pow(10, decimals);
            return Math.round(value * factor) / factor;
        }
    }
}
