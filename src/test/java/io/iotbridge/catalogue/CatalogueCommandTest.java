package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    void unknownUnitIsRefusedNamingFileEntryParameterAndTheUnitMeant() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "degC", "temperature", "Cel", "sap-b1"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line)
                .contains("line2.camel.yaml").contains("route opcua-line2-oven-temp").contains("sensor oven-temp")
                .contains("parameter unit of kamelet:opcua-sensor-source is 'degC', not a UCUM code (did you mean Cel?)"));
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
    void aMisspelledErpIsRefusedWithTheModuleMeant() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "sap-b2"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(findingsOf(result, "opcua-line2-oven-temp")).singleElement().asString()
                .endsWith("unknown ERP 'sap-b2' (modules in this build: dynamics365, infor, sap-b1) (did you mean sap-b1?)");
    }

    @Test
    void aNodeIdOrTopicNotOfTheFormItsKameletDeclaresIsRefusedOffline() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "sap-b1")
                .replace("ns=2;s=Line1/PRESS-07/Temperature", "Line1/PRESS-07/Temperature"));
        write(routes.resolve("sensors/line2.camel.xml"), xmlFanEntry("/#/speed", "erp=sap-b1&amp;kind=meter&amp;field=fan-speed&amp;fieldUnit=Hz"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(findingsOf(result, "opcua-line2-oven-temp")).singleElement().asString().endsWith(
                "parameter nodeId of kamelet:opcua-sensor-source is 'Line1/PRESS-07/Temperature', not of the form it takes"
                        + " (e.g. ns=2;s=Line1/PRESS-07/Temperature)");
        assertThat(findingsOf(result, "mqtt-line2-fan-speed")).singleElement().asString().endsWith(
                "parameter topic of kamelet:mqtt-sensor-source is 'plant/line2/fan/#/speed', not of the form it takes"
                        + " (e.g. plant/line1/CNC-03/spindle-temp)");
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

    @Test
    void everyMistakeOfAnEntryIsReportedAtOnceWithWhatWasMeant() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "degC", "temperature", "Cel", "sap-b1")
                .replace("kind: meter", "kind: meters\n              alertabove: 80")
                .replace("samplingInterval: 500", "samplingInterval: fast\n        machineID: OVEN-1"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(findingsOf(result, "opcua-line2-oven-temp")).allSatisfy(line -> assertThat(line)
                .startsWith(routes.resolve("sensors/line2.camel.yaml") + ":1: route opcua-line2-oven-temp (sensor oven-temp): "))
                .anySatisfy(line -> assertThat(line).endsWith("unknown parameter machineID of kamelet:opcua-sensor-source (did you mean machineId?)"))
                .anySatisfy(line -> assertThat(line).endsWith("parameter samplingInterval of kamelet:opcua-sensor-source is 'fast', not a whole number"))
                .anySatisfy(line -> assertThat(line).endsWith("parameter unit of kamelet:opcua-sensor-source is 'degC', not a UCUM code (did you mean Cel?)"))
                .anySatisfy(line -> assertThat(line).endsWith("unknown parameter alertabove of kamelet:reading-buffer-sink (did you mean alertAbove?)"))
                .anySatisfy(line -> assertThat(line).endsWith("parameter kind of kamelet:reading-buffer-sink is 'meters', not one of"
                        + " [meter, counter, alert] (did you mean meter?)"))
                .hasSize(5);
    }

    @Test
    void anAlertWithoutAThresholdOrWithABadHysteresisOrCoolDownIsRefused() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "sap-b1")
                .replace("kind: meter", "kind: alert\n              hysteresis: \"-2\"\n              coolDown: 10 minutes")
                + opcUaEntry("opcua-line2-oven-band", "oven-band", "Cel", "temperature", "Cel", "sap-b1")
                .replace("kind: meter", "kind: alert\n              alertAbove: 20\n              alertBelow: 80"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(findingsOf(result, "opcua-line2-oven-temp"))
                .anySatisfy(line -> assertThat(line).contains("is of kind alert but sets neither alertAbove nor alertBelow"))
                .anySatisfy(line -> assertThat(line).contains("hysteresis must not be negative, was -2"))
                .anySatisfy(line -> assertThat(line).contains("coolDown '10 minutes' is not a duration"));
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-oven-band")
                .contains("alertBelow (80) must be lower than alertAbove (20)"));
        assertThat(result.lines()).last().asString().contains("2 refused");
    }

    @Test
    void aPredictionWhoseLeadOrWindowIsNoDurationIsRefusedAndOneOnAMeterToo() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "Cel", "temperature", "Cel", "sap-b1")
                .replace("kind: meter", "kind: alert\n              alertAbove: 80\n              predictLead: half an hour\n              predictWindow: 0s")
                + opcUaEntry("opcua-line2-oven-meter", "oven-meter", "Cel", "temperature", "Cel", "sap-b1")
                .replace("kind: meter", "kind: meter\n              predictLead: 30m"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(findingsOf(result, "opcua-line2-oven-temp"))
                .anySatisfy(line -> assertThat(line).contains("predictLead 'half an hour' is not a duration"))
                .anySatisfy(line -> assertThat(line).contains("predictWindow must be longer than 0, was 0s"));
        assertThat(findingsOf(result, "opcua-line2-oven-meter"))
                .anySatisfy(line -> assertThat(line).contains("parameter predictLead of kamelet:reading-buffer-sink applies to kind alert only"));
    }

    @Test
    void counterParametersAreCheckedAndRefusedOnAnotherKind() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-press-scrap", "press-scrap", "1", "parts", "1", "sap-b1")
                .replace("kind: meter", "kind: counter\n              scrap: \"yes\"")
                + opcUaEntry("opcua-line2-press-parts", "press-parts", "1", "parts", "1", "sap-b1")
                .replace("kind: meter", "kind: meter\n              productionOrder: \"4711\""));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-press-scrap")
                .contains("parameter scrap of kamelet:reading-buffer-sink is 'yes', not true or false"));
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-press-parts")
                .contains("parameter productionOrder of kamelet:reading-buffer-sink applies to kind counter only, not to kind meter"));
        assertThat(result.lines()).last().asString().contains("2 refused");
    }

    @Test
    void kpiParametersAreCheckedAndRefusedOnAnotherKind() throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-press-cycle", "press-cycle", "1", "parts", "1", "sap-b1")
                .replace("kind: meter", "kind: counter\n              idealCycleSeconds: \"-4\"")
                + opcUaEntry("opcua-line2-press-running", "press-running", "1", "running", "1", "sap-b1")
                .replace("kind: meter", "kind: alert\n              alertAbove: 0.5\n              runState: true"));

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-press-cycle")
                .contains("parameter idealCycleSeconds of kamelet:reading-buffer-sink is '-4', not of the form it takes (e.g. 12.5)"));
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("route opcua-line2-press-running")
                .contains("parameter runState of kamelet:reading-buffer-sink applies to kind meter only, not to kind alert"));
        assertThat(result.lines()).last().asString().contains("2 refused");
    }

    @Test
    void theJarPrintsOnlyItsFindingsOnStandardOutputAndJsonForACi() throws Exception {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/line2.camel.yaml"), opcUaEntry("opcua-line2-oven-temp", "oven-temp", "degC", "temperature", "Cel", "sap-b1"));

        Jar text = Jar.run("check", routes.toString());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).as("standard output, the log on standard error:%n%s", text.err())
                .allSatisfy(line -> assertThat(line).matches(".+\\.camel\\.(yaml|xml):\\d+: route \\S+ \\(sensor \\S+\\): .+"
                        + "|\\d+ route files, \\d+ sensor entries accepted, \\d+ refused"))
                .contains(routes.resolve("sensors/line2.camel.yaml") + ":1: route opcua-line2-oven-temp (sensor oven-temp): "
                        + "parameter unit of kamelet:opcua-sensor-source is 'degC', not a UCUM code (did you mean Cel?)")
                .last().asString().endsWith(repositoryEntries() + " sensor entries accepted, 1 refused");

        Jar json = Jar.run("check", "--format", "json", routes.toString());

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(json.out().get(0));
        assertThat(result.get("accepted").asInt()).isEqualTo(repositoryEntries());
        assertThat(result.get("refused").asInt()).isEqualTo(1);
        assertThat(result.get("findings")).singleElement().satisfies(finding -> {
            assertThat(finding.get("file").asText()).isEqualTo(routes.resolve("sensors/line2.camel.yaml").toString());
            assertThat(finding.get("line").asInt()).isEqualTo(1);
            assertThat(finding.get("routeId").asText()).isEqualTo("opcua-line2-oven-temp");
            assertThat(finding.get("sensorId").asText()).isEqualTo("oven-temp");
            assertThat(finding.get("reason").asText()).endsWith("(did you mean Cel?)");
        });
    }

    @Test
    void theJarsCheckWritesNothingWhereItRuns() throws Exception {
        // a copy of the project folder as a plant's CI has it: the catalogue, the schemas, the configuration
        Path project = temp.resolve("plant");
        for (String folder : List.of("routes", "schemas", "config")) {
            copyTree(Path.of(folder), project.resolve(folder));
        }

        Jar check = Jar.run(project, "check", "routes");

        assertThat(check.exitCode()).as("%s%n%s", check.out(), check.err()).isZero();
        assertThat(check.out()).last().asString().endsWith(repositoryEntries() + " sensor entries accepted, 0 refused");
        // no first API key whose only display nobody saw, no OPC UA certificate, no state store
        assertThat(project.resolve("data")).doesNotExist();
    }

    /** The check as the jar runs it: BridgeMain in a JVM of its own, on the test class path, from the project folder. */
    private record Jar(int exitCode, List<String> out, String err) {
        static Jar run(String... args) throws Exception {
            return run(Path.of(""), args);
        }

        static Jar run(Path workingDirectory, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.iotbridge.BridgeMain"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workingDirectory.toAbsolutePath().toFile()).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            List<String> out = read(process.getInputStream()).lines().toList();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the check ends").isTrue();
            return new Jar(process.exitValue(), out, err.get());
        }

        private static String read(InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The check's lines about one entry. */
    private static List<String> findingsOf(CatalogueCommand.Result result, String routeId) {
        return result.lines().stream().filter(line -> line.contains(" route " + routeId + " ")).toList();
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
