package io.iotbridge.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Catalogue entries and route trees for the catalogue tests. */
final class EntryFixtures {

    private EntryFixtures() {
    }

    /** The sensor entries of the repository's own catalogue. */
    static int repositoryEntries() throws IOException {
        return SensorFiles.entries(Path.of("routes"));
    }

    /** An MQTT fan in the XML DSL, with more source parameters (escaped) and the sink's. */
    static String xmlFanEntry(String moreSource, String sink) {
        return """
                <camel>
                  <route id="mqtt-line2-fan-speed">
                    <from uri="kamelet:mqtt-sensor-source?topic=plant/line2/fan%s&amp;sensorId=fan-speed&amp;machineId=FAN-1&amp;unit=Hz"/>
                    <to uri="kamelet:reading-buffer-sink?%s"/>
                  </route>
                </camel>
                """.formatted(moreSource, sink);
    }

    /** The check's lines about one entry. */
    static List<String> findingsOf(CatalogueCommand.Result result, String routeId) {
        return result.lines().stream().filter(line -> line.contains(" route " + routeId + " ")).toList();
    }

    /** An HTTP device's entry feeding the SAP B1 field energy in kW.h. */
    static String httpEntry(String routeId, String sensorId, String unit) {
        return """
                - route:
                    id: %s
                    from:
                      uri: kamelet:http-sensor-source
                      parameters:
                        sensorId: "%s"
                        machineId: LINE-9
                        unit: "%s"
                      steps:
                        - to:
                            uri: kamelet:reading-buffer-sink
                            parameters:
                              erp: sap-b1
                              kind: meter
                              field: energy
                              fieldUnit: "kW.h"
                """.formatted(routeId, sensorId, unit);
    }

    static String opcUaEntry(String routeId, String sensorId, String unit, String field, String fieldUnit, String erp) {
        return """
                - route:
                    id: %s
                    from:
                      uri: kamelet:opcua-sensor-source
                      parameters:
                        server: "{{bridge.opcua.line1.url}}"
                        nodeId: "ns=2;s=Line1/PRESS-07/Temperature"
                        samplingInterval: 500
                        sensorId: %s
                        machineId: PRESS-07
                        unit: "%s"
                      steps:
                        - to:
                            uri: kamelet:reading-buffer-sink
                            parameters:
                              erp: %s
                              kind: meter
                              field: %s
                              fieldUnit: "%s"
                """.formatted(routeId, sensorId, unit, erp, field, fieldUnit);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
