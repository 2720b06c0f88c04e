package io.iotbridge.embedded;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar iot-erp-bridge.jar simulate [--opcua-port 4840] [--mqtt-url tcp://host:1883]}:
 * only the simulated line (OPC UA) and the simulated MQTT device, for a bridge that runs against
 * external brokers (docker/compose.yaml) or for trying a catalogue without a PLC.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void run(String[] args) throws Exception {
        int opcuaPort = Integer.parseInt(option(args, "--opcua-port", "4840"));
        String mqttUrl = option(args, "--mqtt-url", null);
        LineSimulator line = new LineSimulator(opcuaPort);
        line.start();
        SimulatedMqttDevice device = null;
        if (mqttUrl != null) {
            device = new SimulatedMqttDevice(mqttUrl, "simulated-cnc03", Duration.ofSeconds(1));
            device.start();
        }
        SimulatedMqttDevice started = device;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (started != null) {
                    started.close();
                }
                line.close();
            } catch (Exception ignored) {
                // the JVM is going down either way
            }
            stopped.countDown();
        }));
        System.out.println("simulated line 1 at " + line.endpointUrl()
                + (mqttUrl == null ? "" : "; device CNC-03 publishing to " + mqttUrl));
        stopped.await();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
