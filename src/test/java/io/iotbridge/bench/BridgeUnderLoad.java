package io.iotbridge.bench;

import io.iotbridge.FreePorts;
import io.iotbridge.PrivateMosquitto;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.erp.sapb1.DefaultDiServerLogin;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * What one bench run starts, and stops again on {@link #close()}: the SAP B1 sandbox (in this JVM,
 * its answers accounted by {@link BookedReadings}), the load (an OPC UA server with generated nodes,
 * or a private Mosquitto with {@link MqttLoad}), the generated catalogue and the bridge in its own
 * JVM against the machine's RabbitMQ.
 */
final class BridgeUnderLoad implements AutoCloseable {

    /** The bridge's meter grace, set for every run: a window closes this long after its end. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** MQTT alert sensors beside N meter sensors: one in a hundred, at least one. */
    static int alertSensors(int sensors) {
        return Math.max(1, sensors / 100);
    }

    final BookedReadings booked = new BookedReadings(GRACE);
    final SapB1Sandbox erp;
    /** Null for OPC UA, whose server changes every value each second. */
    final MqttLoad mqtt;
    /** Null for MQTT. */
    private final LineSimulator line;
    final BridgeProcess bridge;
    final Metrics metrics;
    private final String rabbitmqUrl;
    private final List<AutoCloseable> started = new ArrayList<>();

    /**
     * @param fullSpeed MQTT devices publish as fast as Mosquitto takes them
     * @param atMost    the load's bound: it stops publishing after this
     */
    BridgeUnderLoad(Path repo, Path runDir, String source, int sensors, String window, boolean fullSpeed,
                    Duration atMost, BenchRun.Settings settings) throws Exception {
        this.rabbitmqUrl = settings.rabbitmqUrl();
        Files.createDirectories(runDir);
        booked.logDocuments(runDir.resolve("documents.txt"));
        started.add(booked::close);
        purgeErpQueues();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        try {
            Map<String, String> env = baseEnv(runId, runDir, window);
            // the ERP is another machine in a plant: its sandbox runs here, not in the bridge's JVM,
            // so the bridge's CPU and heap are the bridge's own
            String erpUrl = "http://127.0.0.1:" + FreePorts.next() + "/sap-b1/DIServer";
            erp = new SapB1Sandbox(erpUrl, booked, DefaultDiServerLogin.of());
            erp.start();
            started.add(erp);
            env.put("BRIDGE_ERP_SAP_B1_URL", erpUrl);
            env.put("BRIDGE_ERP_SAP_B1_TRANSPORT", "di-server");
            int alerts = 0;
            if (source.equals("opcua")) {
                line = LineSimulator.withGeneratedNodes(FreePorts.next(), sensors);
                line.start();
                started.add(line);
                env.put("BRIDGE_OPCUA_LINE1_URL", line.endpointUrl());
                env.put("BRIDGE_MQTT_URL", "tcp://127.0.0.1:1"); // no MQTT route in this run
                mqtt = null;
            } else {
                line = null;
                alerts = alertSensors(sensors);
                // persistence off: the bridge's sessions end with the run. What a subscriber cannot
                // take yet is queued up to a bound, then dropped and counted ($SYS): a minute of
                // the fixed rate's readings, in either mode
                int queued = 60 * (sensors + alerts);
                PrivateMosquitto mosquitto = new PrivateMosquitto(runDir.resolve("mosquitto"), false, queued).start();
                started.add(mosquitto);
                MqttLoad.prepareSession(mosquitto.url(), env.get("BRIDGE_MQTT_CLIENT_ID"), sensors, alerts);
                mqtt = new MqttLoad(mosquitto.url(), runId, sensors, alerts, fullSpeed, atMost);
                started.add(mqtt);
                env.put("BRIDGE_MQTT_URL", mosquitto.url());
            }
            Path routes = Catalogue.write(repo, runDir, source, sensors, alerts);
            // the include pattern and the Kamelet location both follow bridge.routes.dir
            env.put("BRIDGE_ROUTES_DIR", routes.toString());
            bridge = BridgeProcess.start(repo, runDir, settings.heap(), env);
            started.add(bridge);
            metrics = new Metrics(Integer.parseInt(env.get("BRIDGE_MANAGEMENT_PORT")));
            started.add(new RunTimeline(runDir.resolve("timeline.txt"), this, rabbitmqUrl));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The devices stop publishing (MQTT) or the OPC UA server goes away; the bridge stays up to drain. */
    void stopLoad() throws Exception {
        if (mqtt != null) {
            mqtt.stop();
        } else {
            line.close();
        }
    }

    /** Meter window length as a duration: {@code 10s}, {@code 60s}, {@code 1m}. */
    static Duration window(String window) {
        if (!window.matches("[1-9][0-9]*[sm]")) {
            throw new IllegalArgumentException("bench window must be seconds or minutes, e.g. 10s or 1m: " + window);
        }
        long n = Long.parseLong(window.substring(0, window.length() - 1));
        return window.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    /**
     * Empties the ERP queues of the bench's broker: what an earlier run left unbooked (its ERP side
     * slower than its readings) would otherwise be this run's load too.
     */
    private void purgeErpQueues() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(rabbitmqUrl));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : List.of("erp.sap-b1", "erp.dynamics365", "erp.infor", "erp.sap-b1.dlq")) {
                if (admin.getQueueInfo(queue) != null) {
                    admin.purgeQueue(queue, false);
                }
            }
        } finally {
            connections.destroy();
        }
    }

    /** Readings in erp.sap-b1.dlq now (the queues are purged before the run). */
    long deadLettered() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(rabbitmqUrl));
        try {
            var info = new RabbitAdmin(connections).getQueueInfo("erp.sap-b1.dlq");
            return info == null ? 0 : info.getMessageCount();
        } finally {
            connections.destroy();
        }
    }

    private Map<String, String> baseEnv(String runId, Path runDir, String window) {
        Map<String, String> env = new LinkedHashMap<>();
        // external AMQP broker and no embedded services: the bridge JVM holds only the bridge (and
        // the idle sandboxes of the ERPs the catalogue does not feed)
        env.put("BRIDGE_EMBEDDED", "false");
        env.put("BRIDGE_SANDBOX_ENABLED", "true");
        env.put("BRIDGE_RABBITMQ_URL", rabbitmqUrl);
        // a fresh MQTT session per run, as ExternalBrokersTest does
        env.put("BRIDGE_MQTT_CLIENT_ID", "bench-" + runId);
        env.put("BRIDGE_METER_WINDOW", window);
        env.put("BRIDGE_METER_GRACE", GRACE.toSeconds() + "s");
        // a state store (open windows, outbox) of the run's own: never an earlier run's backlog
        env.put("BRIDGE_STATE_DIR", runDir.resolve("state").toString());
        // the module's default prefetch: a reading is acknowledged once its window's state is durable
        env.put("BRIDGE_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_INFOR_PORT", String.valueOf(FreePorts.next()));
        env.put("BRIDGE_SANDBOX_DYNAMICS365_PORT", String.valueOf(FreePorts.next()));
        return env;
    }

    /** Stops the bridge first (SIGTERM), then the load and the brokers, then the ERP sandbox. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
