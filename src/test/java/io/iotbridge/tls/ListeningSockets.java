package io.iotbridge.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP ports this machine listens on, port to IPv4 address, from Linux's /proc/net/tcp and
 * /proc/net/tcp6 (a JVM's socket is often an IPv6 one: {@code ::} reads as 0.0.0.0, an
 * IPv4-mapped {@code ::ffff:127.0.0.1} as 127.0.0.1).
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Map<Integer, String> ipv4() throws IOException {
        Map<Integer, String> listening = new HashMap<>();
        read(Path.of("/proc/net/tcp6"), listening);
        read(Path.of("/proc/net/tcp"), listening);
        return listening;
    }

    private static void read(Path table, Map<Integer, String> into) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields[3].equals(LISTEN)) {
                String[] local = fields[1].split(":");
                into.put(Integer.parseInt(local[1], 16), address(local[0]));
            }
        }
    }

    /** The kernel writes addresses as little-endian 32-bit hex words: 0100007F is 127.0.0.1. */
    private static String address(String hex) {
        if (hex.length() == 32) {
            if (hex.chars().allMatch(c -> c == '0')) {
                return "0.0.0.0";
            }
            if (!hex.startsWith("0000000000000000FFFF0000")) {
                return "IPv6 " + hex;
            }
            hex = hex.substring(24);
        }
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }
}
