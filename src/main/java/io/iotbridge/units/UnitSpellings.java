package io.iotbridge.units;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The UCUM code a plant engineer most likely meant by a unit that is none: {@code degC} →
 * {@code Cel}, {@code rpm} → {@code /min}, {@code mm/s^2} → {@code mm/s2}, {@code kpa} →
 * {@code kPa}. Only a hint for a refusal's message; what is a unit stays systems-ucum's to say.
 */
public final class UnitSpellings {

    /**
     * Everyday spellings that are no UCUM code (or another unit: {@code C} is the coulomb),
     * by lower case. UCUM's own case-insensitive form is no help here: it reads {@code h} as the henry.
     */
    private static final Map<String, String> EVERYDAY = Map.ofEntries(
            Map.entry("degc", "Cel"), Map.entry("°c", "Cel"), Map.entry("℃", "Cel"), Map.entry("celsius", "Cel"),
            Map.entry("c", "Cel"), Map.entry("degf", "[degF]"), Map.entry("°f", "[degF]"), Map.entry("℉", "[degF]"),
            Map.entry("fahrenheit", "[degF]"), Map.entry("degk", "K"), Map.entry("kelvin", "K"),
            Map.entry("rpm", "/min"), Map.entry("1/min", "/min"), Map.entry("kwh", "kW.h"), Map.entry("wh", "W.h"),
            Map.entry("sec", "s"), Map.entry("secs", "s"), Map.entry("hr", "h"), Map.entry("hrs", "h"),
            Map.entry("hour", "h"), Map.entry("hours", "h"), Map.entry("mins", "min"), Map.entry("psi", "[psi]"),
            Map.entry("percent", "%"), Map.entry("pcs", "1"), Map.entry("pieces", "1"), Map.entry("parts", "1"));

    /** Codes plants use most, to match a code written in the wrong case ({@code KPA}, {@code hz}). */
    private static final List<String> COMMON = List.of("Cel", "[degF]", "K", "mm/s", "mm/s2", "m/s", "m/s2", "Hz",
            "/min", "h", "min", "s", "ms", "1", "%", "Pa", "kPa", "MPa", "bar", "mbar", "[psi]", "W", "kW", "W.h",
            "kW.h", "A", "mA", "V", "mm", "m", "um", "L", "L/min", "m3", "m3/h", "g", "kg", "t", "N", "N.m");

    private UnitSpellings() {
    }

    /** The UCUM code meant by {@code code}, when one is likely; empty for a known code or a guess too far. */
    public static Optional<String> suggest(String code) {
        if (code == null || code.isBlank() || UcumUnits.isKnown(code)) {
            return Optional.empty();
        }
        String lower = code.strip().toLowerCase(Locale.ROOT);
        if (EVERYDAY.containsKey(lower)) {
            return Optional.of(EVERYDAY.get(lower));
        }
        // m/s^2, m/s², kW*h, kW·h: UCUM writes exponents as plain digits and multiplies with a dot
        String plain = code.strip().replace(" ", "").replace("^", "").replace("²", "2").replace("³", "3")
                .replace("·", ".").replace("*", ".").replace("µ", "u").replace("μ", "u");
        if (!plain.equals(code) && UcumUnits.isKnown(plain)) {
            return Optional.of(plain);
        }
        String plainLower = plain.toLowerCase(Locale.ROOT);
        return COMMON.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(plainLower)).findFirst();
    }
}
