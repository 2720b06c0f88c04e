package io.iotbridge.api.auth;

import java.io.PrintStream;

/**
 * {@code java -jar target/iot-erp-bridge.jar hash-key <name> [roles]}: makes a new API key and
 * prints it with the entry for bridge.api.keys, which holds only the key's hash.
 */
public final class HashKeyCommand {

    private HashKeyCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        String roles = args.length > 2 ? args[2] : "read";
        if (args.length < 2 || !ApiKeys.NAME.matcher(args[1]).matches()) {
            out.println("usage: hash-key <name> [roles]   name: 1 to 24 letters, digits, '_' or '-';"
                    + " roles: comma-separated of ingest, read, operate (default read)");
            return 2;
        }
        String key = ApiKeyHash.newKey(args[1]);
        String entry = args[1] + ":" + roles + ":" + ApiKeyHash.hash(key);
        try {
            ApiKeys.parse(entry, "the roles");
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        out.println("key (give it to the client; it is not kept anywhere):");
        out.println("  " + key);
        out.println("entry for bridge.api.keys (BRIDGE_API_KEYS), entries separated by spaces:");
        out.println("  " + entry);
        return 0;
    }
}
