package io.iotbridge.alert;

/** Which threshold an excursion crossed. */
public enum AlertDirection {
    /** the value rose above {@code alertAbove} */
    ABOVE,
    /** the value fell below {@code alertBelow} */
    BELOW
}
