package io.iotbridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of routes/ for one scenario: the ERP modules' routes, the Kamelets and the error
 * handling as they are, and only the sensors the scenario names (none: readings go straight to
 * the exchange), so no simulator or PLC is needed and nothing else competes for the ERP.
 */
public final class ScenarioRoutes {

    private ScenarioRoutes() {
    }

    public static Path copy(Path into) throws IOException {
        Path source = Path.of("routes");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.filter(p -> !p.startsWith(source.resolve("sensors"))).toList()) {
                Path dest = into.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        Files.createDirectories(into.resolve("sensors"));
        return into;
    }

    /** One MQTT sensor entry publishing canonical JSON in Cel, metered into {@code erp}. */
    public static void mqttSensor(Path routes, String sensorId, String machineId, String topic, String erp) throws IOException {
        Files.writeString(routes.resolve("sensors").resolve(sensorId + ".camel.yaml"), """
                - route:
                    id: mqtt-faults-%1$s
                    description: fault scenario sensor
                    from:
                      uri: kamelet:mqtt-sensor-source
                      parameters:
                        topic: "%3$s"
                        sensorId: %1$s
                        machineId: %2$s
                        unit: "Cel"
                      steps:
                        - to:
                            uri: kamelet:reading-buffer-sink
                            parameters:
                              erp: %4$s
                              kind: meter
                              field: temperature
                              fieldUnit: "Cel"
                """.formatted(sensorId, machineId, topic, erp));
    }
}
