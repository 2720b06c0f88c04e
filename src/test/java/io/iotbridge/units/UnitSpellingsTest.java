package io.iotbridge.units;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitSpellingsTest {

    @Test
    void everydaySpellingsPointToTheirUcumCode() {
        assertThat(UnitSpellings.suggest("degC")).hasValue("Cel");
        assertThat(UnitSpellings.suggest("°F")).hasValue("[degF]");
        assertThat(UnitSpellings.suggest("rpm")).hasValue("/min");
        assertThat(UnitSpellings.suggest("kWh")).hasValue("kW.h");
    }

    @Test
    void exponentsAndCaseAreWrittenTheUcumWay() {
        assertThat(UnitSpellings.suggest("mm/s^2")).hasValue("mm/s2");
        assertThat(UnitSpellings.suggest("m/s²")).hasValue("m/s2");
        assertThat(UnitSpellings.suggest("kpa")).hasValue("kPa");
        assertThat(UnitSpellings.suggest("HZ")).hasValue("Hz");
    }

    @Test
    void aKnownCodeOrAWildGuessGetsNoSuggestion() {
        assertThat(UnitSpellings.suggest("Cel")).isEmpty();
        assertThat(UnitSpellings.suggest("furlongs per fortnight")).isEmpty();
    }
}
