package io.iotbridge.reading;

/** Quality of a reading, following the OPC UA status code's severity. */
public enum Quality {
    GOOD, UNCERTAIN, BAD
}
