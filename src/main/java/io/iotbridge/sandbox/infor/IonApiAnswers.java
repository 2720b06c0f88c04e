package io.iotbridge.sandbox.infor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.sandbox.SandboxHttp;
import java.io.IOException;
import java.util.Map;

/** JSON answers of the Infor sandbox's endpoints. */
final class IonApiAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IonApiAnswers() {
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        SandboxHttp.send(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    /** An IMS-style error: UNCONFIRMED body shape, {"message": ...} as the success reply has. */
    static void message(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("message", message));
    }
}
