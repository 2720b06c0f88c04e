package io.iotbridge.reading;

import java.time.Instant;

/**
 * The canonical reading (docs/plant-engineer.md, "The canonical reading"): what every source is turned into and what travels
 * through RabbitMQ.
 *
 * @param value {@code null} only when the source delivered no value (a BAD reading keeps its
 *              quality instead of being turned into a number)
 */
public record Reading(
        String sensorId,
        String machineId,
        Double value,
        String unit,
        Instant ts,
        Quality quality,
        String source,
        long seq) {

    /** The stable id: {@code <sensorId>:<ts as epoch milliseconds>:<seq>}, the same string everywhere. */
    public String id() {
        return sensorId + ":" + ts.toEpochMilli() + ":" + seq;
    }
}
