package io.iotbridge.window;

import io.iotbridge.reading.Reading;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A window taken out of the open windows with every reading it holds: what an outbox entry keeps
 * until the ERP accepted the document made of it (or refused it, and its readings were
 * dead-lettered). The document is made from it again after a restart: the same readings give the
 * same document and key.
 *
 * @param quantity for a counter window, the parts its close counted; NaN for a meter window
 */
public record ClosedWindow(WindowMeta meta, List<StoredReading> stored, double quantity) {

    /** A counter window with the parts its close counted ({@code CounterDeltas}). */
    ClosedWindow withQuantity(double counted) {
        return new ClosedWindow(meta, stored, counted);
    }

    public String erp() {
        return meta.id().erp();
    }

    public String kind() {
        return meta.id().kind();
    }

    public String sensorId() {
        return meta.sensorId();
    }

    public Instant windowStart() {
        return Instant.ofEpochMilli(meta.id().windowStart());
    }

    public Instant windowEnd() {
        return Instant.ofEpochMilli(meta.windowEnd());
    }

    /** The readings, in time order (then sequence). */
    public List<Reading> readings() {
        return stored.stream().map(s -> s.toReading(meta)).toList();
    }

    public List<String> readingIds() {
        return stored.stream().map(s -> s.id(meta.sensorId())).toList();
    }

    public java.util.Map<String, String> headers() {
        return meta.headers();
    }

    public String routingKey() {
        return meta.routingKey();
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 40 * stored.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            meta.write(out);
            out.writeDouble(quantity);
            out.writeInt(stored.size());
            for (StoredReading s : stored) {
                s.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ClosedWindow fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            WindowMeta meta = WindowMeta.read(in);
            double quantity = in.readDouble();
            int n = in.readInt();
            List<StoredReading> stored = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                stored.add(StoredReading.read(in));
            }
            return new ClosedWindow(meta, stored, quantity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
