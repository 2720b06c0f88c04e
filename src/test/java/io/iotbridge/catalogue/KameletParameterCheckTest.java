package io.iotbridge.catalogue;

import static io.iotbridge.catalogue.EntryFixtures.findingsOf;
import static io.iotbridge.catalogue.EntryFixtures.opcUaEntry;
import static io.iotbridge.catalogue.EntryFixtures.write;
import static io.iotbridge.catalogue.EntryFixtures.xmlFanEntry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check of Kamelet parameters: declared values and names, alert, prediction, counter and KPI rules. */
class KameletParameterCheckTest {

    @TempDir
    Path temp;

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

    private Path copyOfRoutes() throws IOException {
        Path target = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), target);
        return target;
    }
}
