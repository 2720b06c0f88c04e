package io.iotbridge.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic hostile payloads (a fixed seed): a valid reading of one sensor, mutated the ways a
 * broken device or an attacker would (wrong types, extreme numbers, control characters, 1 MB
 * strings, unicode, deep nesting, missing and extra fields, impossible times, arrays, broken JSON).
 * Every payload carries its own marker, {@code <prefix><index>x}, so wherever it turns up (iot.rejected,
 * an ERP document) it can be traced to the payload.
 */
final class FuzzPayloads {

    /** One payload: its marker, its text, and the ts (epoch ms) it has if that field survived. */
    record Payload(int index, String marker, String json, long tsMillis) {
    }

    private static final int KINDS = 16;
    /** 1 MB strings cost time on every hop; a few per run show what one does. */
    private static final int MAX_HUGE = 3;
    private static final String[] NUMBERS = {"1e308", "-1e308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
        "-0", "1e-400", "123456789012345678901234567890", "0x1F", "1_000", "+5", ".5", "5.", "9007199254740993"};
    private static final String[] TIMES = {"9999-12-31T23:59:59Z", "1000-01-01T00:00:00Z",
        "+1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "",
        "1970-01-01T00:00:00Z", "2026-11-24T10:15:00+99:00", "now"};
    private static final String[] FIELDS = {"sensorId", "machineId", "value", "unit", "ts", "quality", "seq"};

    private final Random random;
    private final String prefix;
    private final String sensorId;
    private final String machineId;
    private final String unit;
    private final long baseMillis;
    private int huge;

    FuzzPayloads(long seed, String prefix, String sensorId, String machineId, String unit, long baseMillis) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.sensorId = sensorId;
        this.machineId = machineId;
        this.unit = unit;
        this.baseMillis = baseMillis;
    }

    List<Payload> next(int count) {
        List<Payload> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(payload(i));
        }
        return payloads;
    }

    private Payload payload(int i) {
        String m = prefix + i + "x";
        long ts = baseMillis + i;
        String[] f = valid(ts, i, m);
        int kind = random.nextInt(KINDS);
        switch (kind) {
            case 0 -> f = with(f, "\"note\":" + str(m));
            case 1 -> f[1] = "\"machineId\":" + str(m);
            case 2 -> f[2] = "\"value\":" + str(m);
            case 3 -> f[2] = "\"value\":" + NUMBERS[random.nextInt(NUMBERS.length)];
            case 4 -> f[0] = "\"sensorId\":" + str("cnc\r\nINFO  [main] forged " + m + "\u001b[31m\u0007");
            case 5 -> f[3] = "\"unit\":" + str(m);
            case 6 -> {
                f[4] = "\"ts\":" + str(TIMES[random.nextInt(TIMES.length)]);
                ts = -1;
            }
            case 7 -> {
                int field = random.nextInt(4);
                String big = huge++ < MAX_HUGE ? "A".repeat(1 << 20) : "A".repeat(300);
                f[field] = "\"" + FIELDS[field] + "\":" + str(big + m);
            }
            case 8 -> {
                int field = random.nextInt(2);
                f[field] = "\"" + FIELDS[field] + "\":" + "\"\\u0000\\ud800\u202e\u200b\u00e9\u4e2d\ud83d\udd25" + m + "\"";
            }
            case 9 -> f[2] = "\"value\":" + "[".repeat(2000 + random.nextInt(3000)) + str(m) + "]".repeat(100);
            case 10 -> {
                int field = random.nextInt(FIELDS.length);
                f[field] = "\"note\":" + str(m);
                if (field == 4) {
                    ts = -1;
                }
            }
            case 11 -> {
                String one = "{" + String.join(",", f) + "}";
                return new Payload(i, m, "[" + one + "," + one.replace("\"seq\":", "\"seq\":1") + "]", -1);
            }
            case 12 -> {
                int field = random.nextInt(FIELDS.length);
                f[field] = wrongType(field, m);
            }
            case 13 -> {
                String whole = "{" + String.join(",", f) + "}";
                return new Payload(i, m, whole.substring(0, whole.indexOf(m) + m.length() + random.nextInt(
                        Math.max(1, whole.length() - whole.indexOf(m) - m.length()))), -1);
            }
            case 14 -> f[5] = "\"quality\":" + str(m);
            default -> f = with(f, "\"value\":" + str(m));
        }
        String json = "{" + String.join(",", f) + "}";
        // the mutation may have replaced the field that held the marker
        return new Payload(i, m, json.contains(m) ? json : "{" + String.join(",", with(f, "\"note\":" + str(m))) + "}", ts);
    }

    /** A reading the bridge books, its marker where the bridge ignores it (the catalogue's machine id wins). */
    private String[] valid(long ts, int seq, String marker) {
        return new String[] {"\"sensorId\":" + str(sensorId), "\"machineId\":" + str(machineId + marker),
            "\"value\":" + (random.nextInt(2000) / 10.0), "\"unit\":" + str(unit),
            "\"ts\":" + str(Instant.ofEpochMilli(ts).toString()), "\"quality\":\"GOOD\"", "\"seq\":" + seq};
    }

    private String wrongType(int field, String marker) {
        String[] values = {"true", "{\"m\":" + str(marker) + "}", "[" + str(marker) + "]", "null", "-1", "1.5",
            "1e30", str(marker), "12345678901234567890123"};
        return "\"" + FIELDS[field] + "\":" + values[random.nextInt(values.length)];
    }

    private static String[] with(String[] fields, String extra) {
        String[] more = Arrays.copyOf(fields, fields.length + 1);
        more[fields.length] = extra;
        return more;
    }

    private static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
