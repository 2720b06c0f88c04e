package io.iotbridge.window;

import io.iotbridge.reading.Quality;
import io.iotbridge.reading.Reading;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A reading as the window state keeps it: what differs from reading to reading of one sensor
 * (value, time, quality, sequence, source), in a few bytes. Sensor, machine and unit are the
 * window's ({@link WindowMeta}).
 */
record StoredReading(Double value, long ts, Quality quality, long seq, String source) {

    static StoredReading of(Reading r) {
        return new StoredReading(r.value(), r.ts().toEpochMilli(), r.quality(), r.seq(), r.source());
    }

    Reading toReading(WindowMeta meta) {
        return new Reading(meta.sensorId(), meta.machineId(), value, meta.unit(), Instant.ofEpochMilli(ts), quality,
                source, seq);
    }

    String id(String sensorId) {
        return sensorId + ":" + ts + ":" + seq;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
        out.writeLong(ts);
        out.writeByte(quality.ordinal());
        out.writeLong(seq);
        out.writeUTF(source == null ? "" : source);
    }

    static StoredReading read(DataInputStream in) throws IOException {
        Double value = in.readBoolean() ? in.readDouble() : null;
        long ts = in.readLong();
        Quality quality = Quality.values()[in.readByte()];
        long seq = in.readLong();
        String source = in.readUTF();
        return new StoredReading(value, ts, quality, seq, source.isEmpty() ? null : source);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(40);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StoredReading fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
