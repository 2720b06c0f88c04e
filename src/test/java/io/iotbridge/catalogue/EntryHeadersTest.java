package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.erp.ErpModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headers an entry read as data carries come from its Kamelets' templates (the same
 * setHeader steps an entry that is a route runs), not from a list kept beside them.
 */
class EntryHeadersTest {

    @TempDir
    Path temp;

    @Test
    void anEntryReadAsDataCarriesTheHeadersItsKameletsSetWithTheirDefaults() {
        SensorEntry completed = check(Path.of("routes/kamelets")).completed(fanAlert());

        assertThat(completed.headers()).containsAllEntriesOf(Map.of(
                "iotSensorId", "fan-speed", "iotMachineId", "FAN-1", "iotUnit", "Hz", "iotPayloadFormat", "number",
                "iotField", "fan-speed", "iotFieldUnit", "/min", "iotPublishErp", "sap-b1", "iotKind", "alert",
                "iotAlertAbove", "80", "iotHysteresis", "0"));
        assertThat(completed.headers()).containsEntry("iotCoolDown", "0s").containsEntry("iotScrap", "false")
                .containsEntry("iotAlertBelow", "");
    }

    @Test
    void aHeaderAddedToTheSinkKameletReachesEntriesReadAsData() throws IOException {
        Path kamelets = temp.resolve("kamelets");
        EntryFixtures.copyTree(Path.of("routes/kamelets"), kamelets);
        Path sink = kamelets.resolve("reading-buffer-sink.kamelet.yaml");
        String step = "        - to: direct:reading-buffer";
        Files.writeString(sink, Files.readString(sink).replace(step, """
                        - setHeader:
                            name: iotLine
                            constant: "{{erp}}/{{kind}}"
                """.indent(0) + step));

        assertThat(check(kamelets).completed(fanAlert()).headers()).containsEntry("iotLine", "sap-b1/alert");
    }

    private static CatalogueCheck check(Path kamelets) {
        return new CatalogueCheck(() -> List.of(new ErpModule("sap-b1", true)),
                new KameletParameters.Folder(() -> kamelets, UnaryOperator.identity()));
    }

    private static SensorEntry fanAlert() {
        CatalogueEntry entry = new CatalogueEntry("fan-speed", "mqtt-line9-fan-speed", "mqtt", Map.of("topic", "plant/fan"),
                null, "Hz", "FAN-1", "sap-b1", "alert", "fan-speed", "/min", "routes/sensors/line9.camel.yaml");
        return new SensorEntry(entry, "mqtt-sensor-source",
                Map.of("topic", "plant/fan", "sensorId", "fan-speed", "machineId", "FAN-1", "unit", "Hz", "payload", "number"),
                Map.of("erp", "sap-b1", "kind", "alert", "field", "fan-speed", "fieldUnit", "/min", "alertAbove", "80"), true);
    }
}
