package io.iotbridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/** Reading a request's body and writing an answer, the same for every sandbox. */
public final class SandboxHttp {

    /** Bodies above this are refused: a sandbox holds what it records in memory. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    /** Exchange attribute: an {@code IntConsumer} told the status just before the response goes out. */
    public static final String BEFORE_RESPONSE = "iotbridge.sandbox.beforeResponse";

    /** A request body over {@link #MAX_BODY}. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over " + MAX_BODY + " bytes");
        }
    }

    private SandboxHttp() {
    }

    /** The body as UTF-8 text. */
    public static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new BodyTooLargeException();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", json);
    }

    public static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text);
    }

    /** Answers and closes the exchange; {@code contentType} null sends none. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        // a request log is written before the client can see the answer, so tests read it without waiting
        if (exchange.getAttribute(BEFORE_RESPONSE) instanceof IntConsumer hook) {
            hook.accept(status);
        }
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
