package io.iotbridge.opcua;

import io.iotbridge.catalogue.SensorEntry;
import io.iotbridge.catalogue.SensorSource;
import io.iotbridge.ingest.EntryReadings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.milo.client.MiloClientConnection;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA catalogue entries read as data: each is one monitored item on its server's one
 * session ({@link OpcUaConnections}), whose data changes go straight to the buffer route. Items
 * are created once the bridge has fully started, so no reading waits for a route still starting.
 *
 * <p>Readings are handed over without waiting for their broker confirm, at most
 * {@link #IN_FLIGHT} at a time; beyond that Milo's delivery thread waits, and the server's
 * subscription queues meanwhile (its queue size, then the sampling, bound what it keeps).
 */
public final class OpcUaSensors implements SensorSource, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSensors.class);
    /** Readings handed to the buffer and not yet confirmed by the broker, over all servers. */
    static final int IN_FLIGHT = 2000;

    private final OpcUaConnections connections;
    private final EntryReadings readings;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<Item> waiting = new ArrayList<>();
    private boolean started;
    /** The bridge is stopping: no value is taken in any more. */
    private final AtomicBoolean closing = new AtomicBoolean();

    public OpcUaSensors(CamelContext context, OpcUaConnections connections) {
        this.connections = connections;
        this.readings = new EntryReadings(context);
    }

    @Override
    public String source() {
        return "opcua";
    }

    @Override
    public synchronized Reading start(SensorEntry entry) {
        Item item = new Item(entry);
        if (started) {
            item.open();
        } else {
            waiting.add(item);
        }
        return item;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the buffer route may still be starting: wait for fully started
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        started = true;
        waiting.forEach(Item::open);
        waiting.clear();
    }

    /**
     * Called as the bridge starts to stop, before any route stops: values the servers deliver
     * from now on are not taken in, as if they had come after the stop. Without this, a value
     * arriving once the buffer route had stopped held Milo's delivery thread (shared by every
     * connection of the JVM) for the direct endpoint's 30 s wait for a consumer, then was lost
     * with a warning.
     */
    public void close() {
        if (closing.compareAndSet(false, true)) {
            LOG.info("OPC UA sources closed: the bridge is stopping");
        }
    }

    /** One entry's monitored item. */
    private final class Item implements Reading {
        private final SensorEntry entry;
        private final OpcUaSourceConfiguration configuration;
        private final ExpandedNodeId node;
        private final double samplingInterval;
        private final Map<String, Object> headers;
        private MiloClientConnection connection;
        private MiloClientConnection.MonitorHandle handle;
        private volatile boolean stopped;

        Item(SensorEntry entry) {
            this.entry = entry;
            Map<String, String> p = entry.source();
            configuration = new OpcUaSourceConfiguration();
            configuration.setEndpointUri(p.get("server"));
            configuration.setSecurityPolicy(p.getOrDefault("securityPolicy", "None"));
            configuration.setMessageSecurityMode(p.getOrDefault("messageSecurityMode", "SignAndEncrypt"));
            configuration.setUsername(p.get("username"));
            configuration.setPassword(p.get("password"));
            try {
                node = ExpandedNodeId.parse(p.get("nodeId"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("nodeId '" + p.get("nodeId") + "' is not an OPC UA node id: " + e.getMessage(), e);
            }
            try {
                samplingInterval = Double.parseDouble(p.getOrDefault("samplingInterval", "1000"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("samplingInterval '" + p.get("samplingInterval") + "' is not a number of milliseconds");
            }
            headers = EntryReadings.headers(entry);
        }

        synchronized void open() {
            if (stopped) {
                return;
            }
            connection = connections.createConnection(configuration, null);
            handle = connection.monitorValue(node, samplingInterval, this::changed);
        }

        private void changed(DataValue value) {
            if (stopped || closing.get()) {
                return;
            }
            try {
                // waits for confirms, but not past a stop: no confirm comes once the buffer stopped
                while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stopped || closing.get()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            readings.send(headers, value, Map.of(), failure -> {
                inFlight.release();
                if (failure != null) {
                    // the buffer route retries transient failures itself: this one it gave up on (stopping)
                    LOG.warn("OPC UA reading of {} not buffered: {}", entry, failure.toString());
                }
            });
        }

        @Override
        public void stop() {
            synchronized (OpcUaSensors.this) {
                waiting.remove(this);
            }
            synchronized (this) {
                stopped = true;
                if (handle != null) {
                    handle.unregister();
                    connections.releaseConnection(connection);
                    handle = null;
                }
            }
        }
    }
}
