package io.iotbridge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;

/**
 * Every error answer of the REST API: an RFC 9457 problem ({@code type}, {@code title},
 * {@code status}, {@code detail}; extension members such as {@code errors} where a request has
 * several faults), always written by Jackson, so no request value can break out of its string.
 */
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {
    }

    public static ObjectNode of(int status, String detail) {
        return JSON.createObjectNode().put("type", "about:blank")
                .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status).put("detail", detail);
    }

    /** Sets the exchange's status and content type; the problem is the body to answer. */
    public static String answer(Exchange exchange, ObjectNode problem) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.path("status").asInt());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        return problem.toString();
    }

    public static String answer(Exchange exchange, int status, String detail) {
        return answer(exchange, of(status, detail));
    }

    /** Ends a request on the HTTP server itself, before any route saw it. */
    public static void write(RoutingContext ctx, int status, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(of(status, detail).toString());
    }
}
