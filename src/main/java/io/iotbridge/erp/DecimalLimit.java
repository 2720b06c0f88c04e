package io.iotbridge.erp;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a decimal field of an ERP holds, from its schema's {@code totalDigits} and
 * {@code fractionDigits} facets: a value whose integer part has more digits than the field is
 * refused at ingest, alone, instead of failing the schema later and taking the honest readings of
 * its document down with it.
 */
public record DecimalLimit(int totalDigits, int fractionDigits) {

    public DecimalLimit {
        if (totalDigits <= fractionDigits || fractionDigits < 0) {
            throw new IllegalArgumentException("totalDigits " + totalDigits + " must exceed fractionDigits " + fractionDigits);
        }
    }

    /** Whether the field holds {@code value} once rounded to its fraction digits. */
    public boolean holds(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(fractionDigits, RoundingMode.HALF_UP);
        return rounded.precision() - rounded.scale() <= totalDigits - fractionDigits;
    }

    /** The largest magnitude the field holds, as a person reads it. */
    public String largest() {
        return "9".repeat(totalDigits - fractionDigits) + (fractionDigits == 0 ? "" : "." + "9".repeat(fractionDigits));
    }
}
