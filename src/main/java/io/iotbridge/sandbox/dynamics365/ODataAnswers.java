package io.iotbridge.sandbox.dynamics365;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.SandboxHttp;
import java.io.IOException;

/** F&O's OData error answer, with the headers F&O sends it with. */
final class ODataAnswers {

    private ODataAnswers() {
    }

    static void error(HttpExchange exchange, int status, ODataError error) throws IOException {
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        SandboxHttp.send(exchange, status, "application/json; odata.metadata=minimal", error.toJson());
    }
}
