package io.iotbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ERP sandbox recorded of one document it accepted (docs/operator.md, "Endpoints": sandbox records),
 * with the transport around it, so a test or an operator can check the call as well as the document.
 *
 * @param erp        the ERP module, e.g. {@code sap-b1}
 * @param kind       meter, counter or alert
 * @param key        the document's key in that ERP
 * @param readingIds the ids of every reading the document carries
 * @param body       the XML or JSON exactly as received
 * @param url        the URL the document was sent to (path and query as received)
 * @param method     the HTTP method
 * @param headers    the request headers that matter to the interface, secrets masked ({@link #MASKED})
 * @param status     the HTTP status the sandbox answered with
 * @param answer     the body the sandbox answered with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxRecord(
        String erp,
        String kind,
        String key,
        Instant receivedAt,
        List<String> readingIds,
        String body,
        String url,
        String method,
        Map<String, String> headers,
        Integer status,
        String answer) {

    /** What a secret (a password, a session id, a token) is recorded as. */
    public static final String MASKED = "****";

    public SandboxRecord {
        // sorted, so records read the same every time
        headers = headers == null ? null : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /** A record of the document alone, for a sandbox that does not record its transport. */
    public SandboxRecord(String erp, String kind, String key, Instant receivedAt, List<String> readingIds, String body) {
        this(erp, kind, key, receivedAt, readingIds, body, null, null, null, null, null);
    }
}
