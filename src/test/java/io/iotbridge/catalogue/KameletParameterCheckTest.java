package io.iotbridge.catalogue;

import static io.iotbridge.catalogue.EntryFixtures.findingsOf;
import static io.iotbridge.catalogue.EntryFixtures.opcUaEntry;
import static io.iotbridge.catalogue.EntryFixtures.write;
import static io.iotbridge.catalogue.EntryFixtures.xmlFanEntry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The offline check of Kamelet parameters: declared values and names, alert, prediction, counter and KPI rules. */
class KameletParameterCheckTest {

    @TempDir
    Path temp;

    /** One entry with one or more mistakes: the file it is written to, its route id, and what the check says of it. */
    static Stream<Arguments> refusedEntries() {
        return Stream.of(
                refused("a value outside those its Kamelet declares", "line2.camel.xml", "mqtt-line2-fan-speed",
                        xmlFanEntry("&amp;payload=xml", "erp=sap-b1&amp;kind=meter&amp;field=fan-speed&amp;fieldUnit=Hz"),
                        "parameter payload of kamelet:mqtt-sensor-source is 'xml', not one of [json, number]"),
                refused("a required parameter missing", "line2.camel.yaml", "opcua-line2-oven-temp",
                        oven("oven-temp", "kind: meter").replaceAll(" *nodeId: .*\n", ""),
                        "missing parameter nodeId of kamelet:opcua-sensor-source"),
                refused("an alert without a threshold, with a bad hysteresis and cool-down", "line2.camel.yaml",
                        "opcua-line2-oven-temp",
                        oven("oven-temp", "kind: alert\n              hysteresis: \"-2\"\n              coolDown: 10 minutes"),
                        "is of kind alert but sets neither alertAbove nor alertBelow",
                        "hysteresis must not be negative, was -2", "coolDown '10 minutes' is not a duration"),
                refused("an alert band upside down", "line2.camel.yaml", "opcua-line2-oven-band",
                        oven("oven-band", "kind: alert\n              alertAbove: 20\n              alertBelow: 80"),
                        "alertBelow (80) must be lower than alertAbove (20)"),
                refused("a prediction whose lead or window is no duration", "line2.camel.yaml", "opcua-line2-oven-temp",
                        oven("oven-temp", "kind: alert\n              alertAbove: 80\n              predictLead: half an hour"
                                + "\n              predictWindow: 0s"),
                        "predictLead 'half an hour' is not a duration", "predictWindow must be longer than 0, was 0s"),
                refused("a prediction on a meter", "line2.camel.yaml", "opcua-line2-oven-meter",
                        oven("oven-meter", "kind: meter\n              predictLead: 30m"),
                        "parameter predictLead of kamelet:reading-buffer-sink applies to kind alert only"),
                refused("a counter's scrap flag that is no boolean", "line2.camel.yaml", "opcua-line2-press-scrap",
                        press("press-scrap", "parts", "kind: counter\n              scrap: \"yes\""),
                        "parameter scrap of kamelet:reading-buffer-sink is 'yes', not true or false"),
                refused("a counter's parameter on a meter", "line2.camel.yaml", "opcua-line2-press-parts",
                        press("press-parts", "parts", "kind: meter\n              productionOrder: \"4711\""),
                        "parameter productionOrder of kamelet:reading-buffer-sink applies to kind counter only, not to kind meter"),
                refused("a KPI cycle time that is no positive number", "line2.camel.yaml", "opcua-line2-press-cycle",
                        press("press-cycle", "parts", "kind: counter\n              idealCycleSeconds: \"-4\""),
                        "parameter idealCycleSeconds of kamelet:reading-buffer-sink is '-4', not of the form it takes (e.g. 12.5)"),
                refused("a KPI run state on an alert", "line2.camel.yaml", "opcua-line2-press-running",
                        press("press-running", "running", "kind: alert\n              alertAbove: 0.5\n              runState: true"),
                        "parameter runState of kamelet:reading-buffer-sink applies to kind meter only, not to kind alert"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEntries")
    void anEntryWithABadKameletParameterIsRefusedWithWhatIsWrong(String mistake, String file, String route, String entry,
                                                                  List<String> findings) throws IOException {
        Path routes = copyOfRoutes();
        write(routes.resolve("sensors/" + file), entry);

        CatalogueCommand.Result result = CatalogueCommand.check(routes);

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = findingsOf(result, route);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith(routes.resolve("sensors/" + file) + ":"));
        findings.forEach(finding -> assertThat(lines).anySatisfy(line -> assertThat(line).contains(finding)));
        assertThat(result.lines()).last().asString().contains("1 refused");
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

    private static Arguments refused(String mistake, String file, String route, String entry, String... findings) {
        return Arguments.of(mistake, file, route, entry, List.of(findings));
    }

    /** An oven temperature entry (Cel) whose sink's {@code kind: meter} line is replaced. */
    private static String oven(String sensor, String kindLines) {
        return opcUaEntry("opcua-line2-" + sensor, sensor, "Cel", "temperature", "Cel", "sap-b1").replace("kind: meter", kindLines);
    }

    /** A press entry (unit 1) whose sink's {@code kind: meter} line is replaced. */
    private static String press(String sensor, String field, String kindLines) {
        return opcUaEntry("opcua-line2-" + sensor, sensor, "1", field, "1", "sap-b1").replace("kind: meter", kindLines);
    }

    private Path copyOfRoutes() throws IOException {
        Path target = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), target);
        return target;
    }
}
