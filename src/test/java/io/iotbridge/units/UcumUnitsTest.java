package io.iotbridge.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UcumUnitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Cel", "[degF]", "K", "mm/s", "mm/s2", "m/s", "Hz", "h", "min", "s", "1", "kPa", "bar", "%"})
    void parsesTheCatalogueUnits(String code) {
        assertThat(UcumUnits.isKnown(code)).isTrue();
        assertThat(UcumUnits.parse(code)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"degC", "furlongs", "mm/s^2", "cel", "", "°C", "m/s²", "deg C"})
    void refusesWhatIsNoCaseSensitiveUcumCode(String code) {
        assertThat(UcumUnits.isKnown(code)).isFalse();
        assertThatThrownBy(() -> UcumUnits.parse(code)).isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("unknown unit");
    }

    @Test
    void converts() {
        assertThat(UcumUnits.convert(98.6, "[degF]", "Cel")).isCloseTo(37.0, within(1e-9));
        assertThat(UcumUnits.convert(50, "Cel", "[degF]")).isCloseTo(122.0, within(1e-9));
        assertThat(UcumUnits.convert(2.5, "h", "min")).isCloseTo(150.0, within(1e-9));
        assertThat(UcumUnits.convert(1500, "mm/s", "m/s")).isCloseTo(1.5, within(1e-9));
        assertThat(UcumUnits.convert(1.5, "m/s", "mm/s")).isCloseTo(1500.0, within(1e-9));
        assertThat(UcumUnits.convert(1, "bar", "kPa")).isCloseTo(100.0, within(1e-9));
        assertThat(UcumUnits.convert(0, "K", "Cel")).isCloseTo(-273.15, within(1e-9));
    }

    @Test
    void tellsWhatDoesNotConvert() {
        assertThat(UcumUnits.convertible("mm/s2", "Hz")).isFalse();
        assertThat(UcumUnits.convertible("Cel", "h")).isFalse();
        assertThat(UcumUnits.convertible("Cel", "[degF]")).isTrue();
        assertThatThrownBy(() -> UcumUnits.convert(1, "mm/s2", "Hz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mm/s2' does not convert to 'Hz'");
    }

    @Test
    void refusesWhatNoSensorCanMeasure() {
        assertThat(PhysicalRange.violation(-300, "Cel")).get().asString().contains("below absolute zero");
        assertThat(PhysicalRange.violation(-500, "[degF]")).get().asString().contains("below absolute zero");
        assertThat(PhysicalRange.violation(-1, "K")).isPresent();
        assertThat(PhysicalRange.violation(-2, "Hz")).get().asString().contains("frequency");
        assertThat(PhysicalRange.violation(-0.5, "h")).get().asString().contains("duration");
        assertThat(PhysicalRange.violation(Double.NaN, "mm/s")).isPresent();
    }

    @Test
    void acceptsWhatIsPhysicallyPossible() {
        assertThat(PhysicalRange.violation(-40, "Cel")).isEmpty();
        assertThat(PhysicalRange.violation(-273.15, "Cel")).isEmpty();
        assertThat(PhysicalRange.violation(0, "Hz")).isEmpty();
        assertThat(PhysicalRange.violation(-3.2, "mm/s")).as("a velocity has a direction").isEmpty();
        assertThat(PhysicalRange.violation(-20, "kPa")).as("gauge pressure").isEmpty();
    }
}
