package io.iotbridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transport side of a request a sandbox records ({@link SandboxRecord}): its URL as the client
 * addressed it, and the headers that matter to the interface with their secrets masked (a bearer
 * token, a session cookie), so nobody who reads the records can act as the bridge.
 */
public final class SandboxRequests {

    private SandboxRequests() {
    }

    /** {@code http(s)://<Host header><path and query as received>}. */
    public static String url(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return (exchange instanceof HttpsExchange ? "https" : "http") + "://" + host + exchange.getRequestURI();
    }

    /** The named headers the request carries, in that order; Authorization and session cookies masked. */
    public static Map<String, String> headers(HttpExchange exchange, List<String> names) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : names) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, mask(name, value));
            }
        }
        return headers;
    }

    /** application/x-www-form-urlencoded fields, or a URL's raw query, decoded. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String mask(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            int space = value.indexOf(' ');
            return (space > 0 ? value.substring(0, space + 1) : "") + SandboxRecord.MASKED;
        }
        if (name.equalsIgnoreCase("Cookie")) {
            return value.replaceAll("(B1SESSION=)[^;]*", "$1" + SandboxRecord.MASKED);
        }
        return value;
    }
}
