package io.iotbridge.window;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a window's document needs beside its readings, taken from the window's first reading: its
 * sensor, machine and unit, the routing key it came with (for a dead letter) and its iot* headers
 * (production order, item, scrap flag, field: what the sink and its enrichment read).
 */
record WindowMeta(WindowId id, long windowEnd, String machineId, String unit, String routingKey,
                  Map<String, String> headers) {

    String sensorId() {
        return id.sensorId();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(id.erp());
        out.writeUTF(id.kind());
        out.writeUTF(id.sensorId());
        out.writeLong(id.windowStart());
        out.writeLong(windowEnd);
        out.writeUTF(machineId == null ? "" : machineId);
        out.writeUTF(unit == null ? "" : unit);
        out.writeUTF(routingKey == null ? "" : routingKey);
        out.writeInt(headers.size());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out.writeUTF(h.getKey());
            out.writeUTF(h.getValue());
        }
    }

    static WindowMeta read(DataInputStream in) throws IOException {
        WindowId id = new WindowId(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
        long end = in.readLong();
        String machine = in.readUTF();
        String unit = in.readUTF();
        String routingKey = in.readUTF();
        int n = in.readInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            headers.put(in.readUTF(), in.readUTF());
        }
        return new WindowMeta(id, end, machine, unit, routingKey, headers);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WindowMeta fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
