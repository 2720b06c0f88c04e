package io.iotbridge.erp.dynamics365;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where and as whom the module talks to Dynamics 365 F&O. The client secret comes from the
 * environment (BRIDGE_ERP_DYNAMICS365_CLIENT_SECRET) and never appears in {@link #toString()}.
 *
 * @param environmentUrl the F&O environment, e.g. {@code https://contoso.operations.dynamics.com}
 * @param loginUrl       the Entra ID authority host, e.g. {@code https://login.microsoftonline.com}
 * @param activityId     the recurring job's id from "Manage scheduled data jobs", braces included
 * @param meterEntity    the entity name the recurring job imports meter documents into
 * @param alertEntity    the entity name it imports alert documents (maintenance requests) into
 * @param tokenMargin    how long before expiry a cached token is renewed
 * @param maxRetryAfter  the longest Retry-After the client waits out itself; longer ones surface
 * @param maxAttempts    attempts per document for throttling and transient failures
 */
public record Dynamics365Settings(
        String environmentUrl,
        String loginUrl,
        String tenant,
        String clientId,
        String clientSecret,
        String activityId,
        String company,
        String meterEntity,
        String alertEntity,
        Duration tokenMargin,
        Duration maxRetryAfter,
        int maxAttempts,
        Duration timeout) {

    /** The entity an entity document of this kind is enqueued to. */
    public String entityFor(String kind) {
        return switch (kind) {
            case "meter" -> meterEntity;
            case "alert" -> alertEntity;
            default -> throw new IllegalArgumentException("no Dynamics 365 entity for " + kind + " documents");
        };
    }

    /**
     * {@code {login}/{tenant}/oauth2/v2.0/token} (schemas/dynamics365/README.md, "Sources: Entra
     * tokens").
     */
    public URI tokenEndpoint() {
        return URI.create(trimSlash(loginUrl) + "/" + encode(tenant) + "/oauth2/v2.0/token");
    }

    /** The environment's resource id plus {@code /.default}. */
    public String scope() {
        return trimSlash(environmentUrl) + "/.default";
    }

    /** {@code {environment}/api/connector/enqueue/{activity id}?entity=...&company=...} (§2.2). */
    public URI enqueueUri(String entity) {
        StringBuilder uri = new StringBuilder(trimSlash(environmentUrl))
                .append("/api/connector/enqueue/").append(encode(activityId))
                .append("?entity=").append(encode(entity));
        if (company != null && !company.isBlank()) {
            uri.append("&company=").append(encode(company));
        }
        return URI.create(uri.toString());
    }

    /** {@code {environment}/api/services/SysMessageServices/SysMessageService/SendMessage} (§2.3). */
    public URI sendMessageUri() {
        return URI.create(trimSlash(environmentUrl) + "/api/services/SysMessageServices/SysMessageService/SendMessage");
    }

    /** Percent-encoding for a path segment or query value: spaces as %20, braces as %7B/%7D. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "Dynamics365Settings[environmentUrl=" + environmentUrl + ", loginUrl=" + loginUrl
                + ", tenant=" + tenant + ", clientId=" + clientId + ", clientSecret=****, activityId="
                + activityId + ", company=" + company + ", meterEntity=" + meterEntity
                + ", alertEntity=" + alertEntity + "]";
    }
}
