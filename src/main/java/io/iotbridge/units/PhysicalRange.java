package io.iotbridge.units;

import java.util.Optional;
import javax.measure.Dimension;
import javax.measure.Unit;
import tech.units.indriya.unit.UnitDimension;
import tech.units.indriya.unit.Units;

/**
 * What no sensor can measure, whatever its unit: a temperature below absolute zero, a negative
 * duration or frequency, a value that is not a finite number. Such a reading is a broken device
 * or a wrong unit in the catalogue, never a fact the ERP should book.
 */
public final class PhysicalRange {

    private static final Dimension FREQUENCY = UnitDimension.TIME.pow(-1);

    private PhysicalRange() {
    }

    /** Why {@code value} in {@code unitCode} cannot be, or empty when it can. */
    public static Optional<String> violation(double value, String unitCode) {
        if (!Double.isFinite(value)) {
            return Optional.of("value " + value + " is not a finite number");
        }
        Unit<?> unit = UcumUnits.parse(unitCode);
        Dimension dimension = unit.getDimension();
        if (dimension.equals(UnitDimension.TEMPERATURE)) {
            double kelvin = UcumUnits.convert(value, unitCode, "K");
            if (kelvin < 0) {
                return Optional.of(value + " " + unitCode + " is below absolute zero (" + kelvin + " " + Units.KELVIN + ")");
            }
        } else if (dimension.equals(UnitDimension.TIME) && value < 0) {
            return Optional.of("a duration cannot be negative: " + value + " " + unitCode);
        } else if (dimension.equals(FREQUENCY) && value < 0) {
            return Optional.of("a frequency cannot be negative: " + value + " " + unitCode);
        }
        return Optional.empty();
    }
}
