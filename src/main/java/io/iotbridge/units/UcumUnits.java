package io.iotbridge.units;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.measure.IncommensurableException;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import javax.measure.format.MeasurementParseException;
import javax.measure.format.UnitFormat;
import systems.uom.ucum.format.UCUMFormat;
import systems.uom.ucum.internal.format.TokenMgrError;

/**
 * UCUM codes ({@code Cel}, {@code [degF]}, {@code mm/s2}, {@code h}, {@code 1} ...) as JSR 385
 * units: parsing, whether one converts to another, and conversion. The conversions are
 * systems-ucum's and Indriya's; nothing here knows a factor.
 */
public final class UcumUnits {

    // Indriya's SymbolMap logs a SEVERE stack trace (java.util.logging) for every UCUM prefix it
    // lacks (DEKA) when the UCUM format first loads; harmless noise in a plant's log. The strong
    // reference keeps the level from being lost when the logger is garbage-collected.
    private static final Logger SYMBOL_MAP_LOG = quietSymbolMapLog();
    private static final UnitFormat CASE_SENSITIVE = UCUMFormat.getInstance(UCUMFormat.Variant.CASE_SENSITIVE);
    private static final Map<String, Unit<?>> PARSED = new ConcurrentHashMap<>();

    private UcumUnits() {
    }

    /** The unit of a case-sensitive UCUM code; {@link UnknownUnitException} when it is none. */
    public static Unit<?> parse(String code) {
        if (code == null || code.isBlank()) {
            // the parser reads an empty code as the unit 1; a missing unit is not dimensionless
            throw new UnknownUnitException(code, "no unit given");
        }
        return PARSED.computeIfAbsent(code, UcumUnits::parseNew);
    }

    public static boolean isKnown(String code) {
        try {
            parse(code);
            return true;
        } catch (UnknownUnitException e) {
            return false;
        }
    }

    /** Whether a value in {@code from} can be expressed in {@code to} (same dimension). */
    public static boolean convertible(String from, String to) {
        return parse(from).isCompatible(parse(to));
    }

    /** The converter from one unit to the other; {@link IllegalArgumentException} when they do not convert. */
    public static UnitConverter converter(String from, String to) {
        try {
            return parse(from).getConverterToAny(parse(to));
        } catch (IncommensurableException | UnconvertibleException e) {
            throw new IllegalArgumentException("'" + from + "' does not convert to '" + to + "'", e);
        }
    }

    public static double convert(double value, String from, String to) {
        return converter(from, to).convert(value);
    }

    private static synchronized Unit<?> parseNew(String code) {
        try {
            return CASE_SENSITIVE.parse(code);
        } catch (MeasurementParseException | IllegalArgumentException e) {
            throw new UnknownUnitException(code, "not a UCUM code");
        } catch (RuntimeException | TokenMgrError e) {
            // the generated UCUM parser throws its own token exceptions for unknown symbols, and its
            // lexer an Error for a character no code has (°C, a space, an unfinished m/s^)
            throw new UnknownUnitException(code, "not a UCUM code");
        }
    }

    private static Logger quietSymbolMapLog() {
        Logger log = Logger.getLogger("tech.units.indriya.format.SymbolMap");
        log.setLevel(Level.OFF);
        return log;
    }
}
