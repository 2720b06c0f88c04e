package io.iotbridge.sandbox.dynamics365;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.dynamics365.Dynamics365EnqueueClient;
import io.iotbridge.erp.dynamics365.Dynamics365Entities;
import io.iotbridge.erp.dynamics365.Dynamics365InvalidDocumentException;
import io.iotbridge.erp.dynamics365.Dynamics365Schema;
import io.iotbridge.erp.dynamics365.ODataError;
import io.iotbridge.sandbox.SandboxHttp;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxRequests;
import io.iotbridge.sandbox.SandboxTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code POST /api/connector/enqueue/{activity id}?entity=...}: takes an entity XML file,
 * validates it against schemas/dynamics365 (the real service would only fail the job later),
 * records it once per external identifier and answers with a message id.
 */
final class SandboxEnqueueEndpoint {

    private static final String WRITE_EXCEPTION =
            "Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException";

    private final SandboxRecorder recorder;
    private final SandboxTokens tokens;
    private final EnqueueFaults faults;
    private final Clock clock;
    /** external identifier -> the message id of its first acceptance */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();

    SandboxEnqueueEndpoint(SandboxRecorder recorder, SandboxTokens tokens, EnqueueFaults faults, Clock clock) {
        this.recorder = recorder;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = clock;
    }

    /** The token (masked), the body's type and the external identifier F&O deduplicates by. */
    private static final List<String> RECORDED_HEADERS = List.of("Authorization", "Content-Type",
            Dynamics365EnqueueClient.EXTERNAL_ID_HEADER);

    int handle(HttpExchange exchange) throws IOException {
        if (faults.takeUnavailable()) {
            SandboxHttp.text(exchange, 503, "Service Unavailable");
            return 503;
        }
        var throttle = faults.takeThrottle();
        if (throttle.isPresent()) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(throttle.get()));
            SandboxHttp.text(exchange, 429, "Too Many Requests");
            return 429;
        }
        if (!tokens.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            SandboxHttp.text(exchange, 401, "");
            return 401;
        }
        String entity = SandboxRequests.form(exchange.getRequestURI().getRawQuery()).get("entity");
        if (entity == null || entity.isBlank()) {
            return reject(exchange, 400, "The entity parameter is required for an individual file.", "");
        }
        String body = SandboxHttp.body(exchange);
        org.w3c.dom.Document dom;
        try {
            dom = Dynamics365Schema.parseAndValidate(body);
        } catch (Dynamics365InvalidDocumentException e) {
            return reject(exchange, 400, "The file for entity '" + entity + "' is not valid.", e.getMessage());
        }
        Element record = firstElement(dom.getDocumentElement());
        String externalId = exchange.getRequestHeaders().getFirst(Dynamics365EnqueueClient.EXTERNAL_ID_HEADER);
        String key = externalId != null && !externalId.isBlank() ? externalId : childText(record, "EXTERNALID");

        String replayed = accepted.get(key);
        if (replayed != null) {
            SandboxHttp.text(exchange, 200, replayed);
            return 200;
        }
        var rejection = faults.takeRejection();
        if (rejection.isPresent()) {
            return reject(exchange, 500, "An error has occurred.", rejection.get());
        }
        String messageId = accepted.computeIfAbsent(key, k -> {
            String id = UUID.randomUUID().toString();
            recorder.record(new SandboxRecord(Dynamics365Entities.ERP, Dynamics365Entities.kindOf(record.getLocalName()),
                    k, clock.instant(), readingIds(dom.getDocumentElement()), body, SandboxRequests.url(exchange),
                    exchange.getRequestMethod(), SandboxRequests.headers(exchange, RECORDED_HEADERS), 200, id));
            return id;
        });
        SandboxHttp.text(exchange, 200, messageId);
        return 200;
    }

    private static int reject(HttpExchange exchange, int status, String message, String inner) throws IOException {
        ODataAnswers.error(exchange, status, new ODataError("", message, inner, WRITE_EXCEPTION));
        return status;
    }

    /** Every record's READINGIDS, in document order. */
    private static List<String> readingIds(Element root) {
        List<String> ids = new ArrayList<>();
        for (Element record = firstElement(root); record != null; record = nextElement(record)) {
            String text = childText(record, "READINGIDS");
            if (text != null) {
                Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).forEach(ids::add);
            }
        }
        return ids;
    }

    private static String childText(Element parent, String name) {
        for (Element child = firstElement(parent); child != null; child = nextElement(child)) {
            if (name.equals(child.getLocalName())) {
                return child.getTextContent();
            }
        }
        return null;
    }

    private static Element firstElement(Node parent) {
        Node n = parent.getFirstChild();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }

    private static Element nextElement(Node node) {
        Node n = node.getNextSibling();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }
}
