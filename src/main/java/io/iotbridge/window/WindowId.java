package io.iotbridge.window;

/**
 * One sensor's tumbling window in one ERP module: the unit a meter or counter document is made
 * of. {@link #prefix()} is the start of every state-store key of the window, in a form that sorts
 * a window's readings together.
 */
record WindowId(String erp, String kind, String sensorId, long windowStart) {

    static final char SEP = '\u0001';

    String prefix() {
        return erp + SEP + kind + SEP + sensorId + SEP + String.format("%016x", windowStart) + SEP;
    }

    static WindowId ofPrefix(String key) {
        String[] parts = key.split(String.valueOf(SEP), -1);
        return new WindowId(parts[0], parts[1], parts[2], Long.parseUnsignedLong(parts[3], 16));
    }

    /** Progress is kept per sensor of a module and kind. */
    String sensorKey() {
        return erp + SEP + kind + SEP + sensorId;
    }
}
