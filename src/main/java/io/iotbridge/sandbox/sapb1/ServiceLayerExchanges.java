package io.iotbridge.sandbox.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.sapb1.ServiceLayerErrors;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRequests;
import java.io.IOException;
import java.net.HttpCookie;
import java.util.List;
import java.util.Map;

/** Reading requests and writing answers the way the Service Layer does, for the sandbox. */
final class ServiceLayerExchanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceLayerExchanges() {
    }

    static String session(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            List<HttpCookie> cookies;
            try {
                cookies = HttpCookie.parse(pair.trim());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (HttpCookie c : cookies) {
                if ("B1SESSION".equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    static Map<String, String> query(HttpExchange exchange) {
        return SandboxRequests.form(exchange.getRequestURI().getRawQuery());
    }

    static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ServiceLayerCompany.Refusal(400, -1000, "The request body is not JSON: " + e.getOriginalMessage());
        }
    }

    static String body(HttpExchange exchange) throws IOException {
        try {
            return SandboxHttp.body(exchange);
        } catch (SandboxHttp.BodyTooLargeException e) {
            throw new ServiceLayerCompany.Refusal(413, -1000, e.getMessage());
        }
    }

    static void error(HttpExchange exchange, boolean plain, ServiceLayerCompany.Refusal refusal) throws IOException {
        json(exchange, refusal.status, ServiceLayerErrors.body(refusal.code, refusal.getMessage(), plain));
    }

    static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json;odata.metadata=minimal;charset=utf-8", json);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        SandboxHttp.send(exchange, status, contentType, body);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }
}
