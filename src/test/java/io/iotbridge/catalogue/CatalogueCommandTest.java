package io.iotbridge.catalogue;

import static io.iotbridge.catalogue.EntryFixtures.findingsOf;
import static io.iotbridge.catalogue.EntryFixtures.httpEntry;
import static io.iotbridge.catalogue.EntryFixtures.opcUaEntry;
import static io.iotbridge.catalogue.EntryFixtures.repositoryEntries;
import static io.iotbridge.catalogue.EntryFixtures.xmlFanEntry;
import static io.iotbridge.catalogue.EntryFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check, called in-process on the repository's catalogue and on broken copies of it. */
class CatalogueCommandTest {

    @TempDir
    Path temp;

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


    private Path copyOfRoutes() throws IOException {
        Path target = temp.resolve("routes");
        EntryFixtures.copyTree(Path.of("routes"), target);
        return target;
    }
}
