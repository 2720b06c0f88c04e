package io.iotbridge.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The IPv4 sockets this machine listens on, port to address, from Linux's /proc/net/tcp. */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Map<Integer, String> ipv4() throws IOException {
        Map<Integer, String> listening = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (!fields[3].equals(LISTEN)) {
                continue;
            }
            String[] local = fields[1].split(":");
            listening.put(Integer.parseInt(local[1], 16), address(local[0]));
        }
        return listening;
    }

    /** /proc/net/tcp writes the address as a little-endian hex int: 0100007F is 127.0.0.1. */
    private static String address(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }
}
