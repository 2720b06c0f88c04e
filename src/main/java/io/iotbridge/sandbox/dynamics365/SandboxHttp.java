package io.iotbridge.sandbox.dynamics365;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.SandboxRequests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntConsumer;

/** Request and response plumbing the sandbox's endpoints share. */
final class SandboxHttp {

    /** Bodies above this are refused: the sandbox holds what it records in memory. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private SandboxHttp() {
    }

    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IOException("request body over " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** application/x-www-form-urlencoded fields, or a URL's query. */
    static Map<String, String> form(String encoded) {
        return SandboxRequests.form(encoded);
    }

    static void json(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, status, json);
    }

    /** The F&O OData error body, with the headers F&O sends it with. */
    static void odataError(HttpExchange exchange, int status, ODataError error) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; odata.metadata=minimal");
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        send(exchange, status, error.toJson());
    }

    static void text(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text);
    }

    /** Exchange attribute: an {@code IntConsumer} told the status just before the response goes out. */
    static final String BEFORE_RESPONSE = "iotbridge.sandbox.beforeResponse";

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        // the request log is written before the client can see the answer, so tests read it without waiting
        if (exchange.getAttribute(BEFORE_RESPONSE) instanceof IntConsumer hook) {
            hook.accept(status);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
