package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check, called in-process on the repository's catalogue and on broken copies of it. */
class CatalogueCommandTest {

    @TempDir
    Path temp;

    private static int repositoryEntries() throws IOException {
        return SensorFiles.entries(Path.of("routes"));
    }

    @Test
    void theRepositoryCatalogueIsClean() throws IOException {
        CatalogueCommand.Result result = CatalogueCommand.check(Path.of("routes"));
        assertThat(result.lines()).last().asString().contains(repositoryEntries() + " sensor entries accepted, 0 refused");
        assertThat(result.exitCode()).as(String.join("\n", result.lines())).isZero();
    }

    @Test
    void unknownUnitIsRefusedNamingFileEntryAndUnit() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "degC", "temperature", "Cel", "sap-b1"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.yaml").contains("route opcua-line2-oven-temp").contains("sensor oven-temp")
                .contains("unknown unit 'degC'"));
        assertThat(result.lines()).last().asString().contains(repositoryEntries() + " sensor entries accepted, 1 refused");
    }

    @Test
    void incompatibleUnitsAreRefusedNamingBothUnits() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-fan-accel", "fan-accel", "mm/s2", "speed", "Hz", "sap-b1"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.yaml").contains("route opcua-line2-fan-accel").contains("sensor fan-accel")
                .contains("unit 'mm/s2'").contains("unit 'Hz'").contains("does not convert"));
    }

    @Test
    void aSensorIdUsedInTwoFilesIsRefusedTheSecondTime() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-press07-copy", "press07-temp", "Cel", "temperature", "Cel", "sap-b1"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.yaml").contains("route opcua-line2-press07-copy")
                .contains("sensor id press07-temp is already used by route opcua-line1-press07-temperature")
                .contains("line1-presses.camel.yaml"));
    }

    @Test
    void anUnknownErpIsRefusedNamingTheModulesOfTheBuild() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "oracle-ebs"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("route opcua-line2-oven-temp").contains("unknown ERP 'oracle-ebs'").contains("sap-b1"));
    }

    @Test
    void aMissingFieldInAnXmlEntryIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.xml"), xmlFanEntry("", "erp=sap-b1&amp;kind=meter&amp;fieldUnit=Hz"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.xml").contains("route mqtt-line2-fan-speed").contains("sensor fan-speed")
                .contains("missing parameter field"));
    }

    @Test
    void aFileThatDoesNotParseIsReportedAndTheOthersAreStillChecked() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), "- route:\n    id: [unclosed\n");

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("line2.camel.yaml").contains("cannot be loaded"));
        assertThat(result.lines()).last().asString().contains(repositoryEntries() + " sensor entries accepted");
    }

    @Test
    void anXmlRouteFileThatIsNotXmlAtAllIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.xml"), "PRESS-09: add the oil temperature next week\n");

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("line2.camel.xml")
                .contains("cannot be loaded: not an XML document"));
    }

    @Test
    void anHttpDeviceWhoseSensorIdCannotNameAnEndpointIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), httpEntry("http-line2-meter", "meter 1?x=y", "W.h"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("route http-line2-meter").contains("of an HTTP device may hold only letters"));
    }

    @Test
    void aSensorIdOrMachineIdLongerThanAnAmqpMessageIdOrRoutingKeyHoldsIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        String longSensor = "é".repeat(150);
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-long-sensor", longSensor, "Cel",
                "temperature", "Cel", "sap-b1") + opcUaEntry("opcua-line2-long-machine", "line2-ok", "Cel", "temperature",
                "Cel", "sap-b1").replace("machineId: PRESS-07", "machineId: " + "M".repeat(201)));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-long-sensor")
                .contains("sensorId is 300 bytes long (UTF-8); at most 200"));
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-long-machine")
                .contains("machineId is 201 bytes long (UTF-8); at most 200"));
        assertThat(result.lines()).last().asString().contains(repositoryEntries() + " sensor entries accepted, 2 refused");
    }

    @Test
    void aKameletParameterOutsideTheValuesItsKameletDeclaresIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.xml"), xmlFanEntry("&amp;payload=xml",
                "erp=sap-b1&amp;kind=meter&amp;field=fan-speed&amp;fieldUnit=Hz"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.xml").contains("route mqtt-line2-fan-speed").contains("sensor fan-speed")
                .contains("parameter payload of kamelet:mqtt-sensor-source is 'xml', not one of [json, number]"));
    }

    @Test
    void aRequiredKameletParameterThatIsMissingIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "sap-b1")
                .replaceAll(" *nodeId: .*\n", ""));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.yaml").contains("route opcua-line2-oven-temp")
                .contains("missing parameter nodeId of kamelet:opcua-sensor-source"));
    }

    /** An MQTT fan in the XML DSL, with more source parameters (escaped) and the sink's. */
    private static String xmlFanEntry(String moreSource, String sink) {
        return """
                <camel>
                  <route id="mqtt-line2-fan-speed">
                    <from uri="kamelet:mqtt-sensor-source?topic=plant/line2/fan%s&amp;sensorId=fan-speed&amp;machineId=FAN-1&amp;unit=Hz"/>
                    <to uri="kamelet:reading-buffer-sink?%s"/>
                  </route>
                </camel>
                """.formatted(moreSource, sink);
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

    private Path copyOfRoutes() throws IOException {
        Path target = temp.resolve("routes");
        copyTree(Path.of("routes"), target);
        return target;
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

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
