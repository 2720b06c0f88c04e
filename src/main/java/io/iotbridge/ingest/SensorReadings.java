package io.iotbridge.ingest;

import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import io.iotbridge.reading.ReadingJson;
import io.iotbridge.reading.ReadingRejectedException;
import io.iotbridge.units.PhysicalRange;
import io.iotbridge.units.UcumUnits;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * Turns what a source delivers into the canonical reading, using the sensor's catalogue entry
 * (carried as the {@code iot*} headers the Kamelets set). The catalogue is the contract: a
 * payload that contradicts its entry is refused, never silently corrected. The canonical reading
 * carries the value in the unit of the ERP field the sensor feeds ({@code iotFieldUnit}).
 */
public class SensorReadings {

    public static final String SENSOR_ID = "iotSensorId";
    public static final String MACHINE_ID = "iotMachineId";
    public static final String UNIT = "iotUnit";
    public static final String FIELD_UNIT = "iotFieldUnit";
    /** The ERP module the reading is published for (reading-buffer-sink's {@code erp}). */
    public static final String ERP = "iotPublishErp";

    private final ReadingJson json;
    private final ReadingLimits limits;

    public SensorReadings(ReadingJson json, ReadingLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    /** An OPC UA data change: the quality follows the status code; a BAD value is kept, flagged. */
    public Reading fromOpcUa(@Body DataValue data, @Header(SENSOR_ID) String sensorId,
                             @Header(MACHINE_ID) String machineId, @Header(UNIT) String unit,
                             @Header(FIELD_UNIT) String fieldUnit, @Header(ERP) String erp) {
        return guarded(sensorId, () -> opcUa(data, sensorId, machineId, unit, fieldUnit, erp));
    }

    private Reading opcUa(DataValue data, String sensorId, String machineId, String unit, String fieldUnit, String erp) {
        StatusCode status = data.statusCode() == null ? StatusCode.GOOD : data.statusCode();
        Quality quality = status.isGood() ? Quality.GOOD : status.isUncertain() ? Quality.UNCERTAIN : Quality.BAD;
        Object raw = data.value() == null ? null : data.value().value();
        Double value = null;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else if (raw instanceof Boolean b) {
            value = b ? 1.0 : 0.0;
        } else if (raw != null) {
            throw new ReadingRejectedException("invalid-field",
                    "sensor " + sensorId + ": OPC UA value of type " + raw.getClass().getSimpleName() + " is not numeric");
        } else if (quality == Quality.GOOD) {
            throw new ReadingRejectedException("missing-field", "sensor " + sensorId + ": GOOD OPC UA value without a value");
        }
        return accept(new Reading(sensorId, machineId, value, unit, timestamp(data), quality, "opcua", 0), fieldUnit, erp);
    }

    /** An MQTT payload in the canonical JSON form, checked against the sensor's catalogue entry. */
    public Reading fromMqttJson(@Body String payload, @Header(SENSOR_ID) String sensorId,
                                @Header(MACHINE_ID) String machineId, @Header(UNIT) String unit,
                                @Header(FIELD_UNIT) String fieldUnit, @Header(ERP) String erp) {
        return guarded(sensorId, () -> fromJson(payload, sensorId, machineId, unit, fieldUnit, erp, "mqtt", "the topic"));
    }

    /** A reading POSTed to /api/v1/readings (already schema-checked), checked against its catalogue entry. */
    public Reading fromHttpJson(@Body String payload, @Header(SENSOR_ID) String sensorId,
                                @Header(MACHINE_ID) String machineId, @Header(UNIT) String unit,
                                @Header(FIELD_UNIT) String fieldUnit, @Header(ERP) String erp) {
        return guarded(sensorId, () -> fromJson(payload, sensorId, machineId, unit, fieldUnit, erp, "http", "the endpoint"));
    }

    private Reading fromJson(String payload, String sensorId, String machineId, String unit, String fieldUnit,
                             String erp, String source, String channel) {
        Reading r = json.parse(payload);
        limits.checkLengths(r);
        if (!r.sensorId().equals(sensorId)) {
            throw new ReadingRejectedException("unknown-sensor",
                    "payload names sensor '" + r.sensorId() + "' but " + channel + " belongs to sensor '" + sensorId + "'");
        }
        if (!r.unit().equals(unit)) {
            throw new ReadingRejectedException("unit-mismatch",
                    "sensor " + sensorId + " sent unit '" + r.unit() + "' but the catalogue says '" + unit + "'");
        }
        return accept(new Reading(sensorId, machineId, r.value(), unit, r.ts(), r.quality(), source, r.seq()), fieldUnit, erp);
    }

    /**
     * An MQTT payload in the plain form: a bare number, in the catalogue's unit, for the sensor the
     * topic belongs to. It carries no time of its own, so its arrival time is the reading's.
     */
    public Reading fromMqttNumber(@Body String payload, @Header(SENSOR_ID) String sensorId,
                                  @Header(MACHINE_ID) String machineId, @Header(UNIT) String unit,
                                  @Header(FIELD_UNIT) String fieldUnit, @Header(ERP) String erp) {
        return guarded(sensorId, () -> number(payload, sensorId, machineId, unit, fieldUnit, erp));
    }

    private Reading number(String payload, String sensorId, String machineId, String unit, String fieldUnit, String erp) {
        double value;
        try {
            value = Double.parseDouble(payload.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ReadingRejectedException("unparseable",
                    "sensor " + sensorId + " sends bare numbers, but the payload is not one: '" + abbreviate(payload) + "'");
        }
        if (!Double.isFinite(value)) {
            throw new ReadingRejectedException("invalid-field", "sensor " + sensorId + ": value is not finite: " + payload.trim());
        }
        return accept(new Reading(sensorId, machineId, value, unit, Instant.now(), Quality.GOOD, "mqtt", 0), fieldUnit, erp);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /**
     * Anything a payload makes fail is the payload's fault: refused with the reason, never
     * retried (a source such as MQTT retries every other failure, and would do so forever).
     */
    private static Reading guarded(String sensorId, Supplier<Reading> conversion) {
        try {
            return conversion.get();
        } catch (ReadingRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReadingRejectedException("invalid-reading", "sensor " + sensorId + ": cannot be read: " + e, e);
        }
    }

    /** The reading in the ERP field's unit, within the time range and the digits its ERP takes. */
    private Reading accept(Reading reading, String fieldUnit, String erp) {
        Reading converted = inFieldUnit(reading, fieldUnit);
        limits.check(converted, erp);
        return converted;
    }

    /**
     * The reading in the ERP field's unit, after refusing a value no sensor can measure. A BAD
     * reading is not range-checked: its value is already flagged as not to be trusted.
     */
    static Reading inFieldUnit(Reading reading, String fieldUnit) {
        Double value = reading.value();
        if (value != null && reading.quality() != Quality.BAD) {
            PhysicalRange.violation(value, reading.unit()).ifPresent(why -> {
                throw new ReadingRejectedException("out-of-range", "sensor " + reading.sensorId() + ": " + why);
            });
        }
        if (fieldUnit == null || fieldUnit.equals(reading.unit())) {
            return reading;
        }
        Double converted = value == null ? null : UcumUnits.convert(value, reading.unit(), fieldUnit);
        return new Reading(reading.sensorId(), reading.machineId(), converted, fieldUnit, reading.ts(),
                reading.quality(), reading.source(), reading.seq());
    }

    private static Instant timestamp(DataValue data) {
        DateTime t = data.sourceTime() != null ? data.sourceTime() : data.serverTime();
        return t != null && t.isValid() ? t.getJavaInstant() : Instant.now();
    }
}
