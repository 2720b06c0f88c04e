package io.iotbridge.units;

/** A code that is not a (case-sensitive) UCUM unit. */
public class UnknownUnitException extends IllegalArgumentException {

    private final String code;

    public UnknownUnitException(String code, String why) {
        super("unknown unit '" + code + "': " + why);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
