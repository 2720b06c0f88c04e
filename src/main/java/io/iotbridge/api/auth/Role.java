package io.iotbridge.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a caller may do with the REST API; an API key or a token carries one or more. */
public enum Role {
    /** POST /api/v1/readings */
    INGEST,
    /** every GET: catalogue, status, sandbox documents, dead letters, the status page, metrics */
    READ,
    /** dead-letter replay and the SAP B1 facade's writes */
    OPERATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code label} (ingest, read, operate), if there is one. */
    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label.trim())).findFirst();
    }
}
