package io.iotbridge.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * What an ERP sandbox recorded of one document it accepted (README, "Operations": sandbox records).
 *
 * @param erp        the ERP module, e.g. {@code sap-b1}
 * @param kind       meter, counter or alert
 * @param key        the document's key in that ERP
 * @param readingIds the ids of every reading the document carries
 * @param body       the XML or JSON exactly as received
 */
public record SandboxRecord(
        String erp,
        String kind,
        String key,
        Instant receivedAt,
        List<String> readingIds,
        String body) {
}
