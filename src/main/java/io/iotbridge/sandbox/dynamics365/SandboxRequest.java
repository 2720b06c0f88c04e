package io.iotbridge.sandbox.dynamics365;

import java.time.Instant;

/**
 * One request the Dynamics 365 sandbox answered, for tests that check timing (a retry after a
 * Retry-After) without sleeping themselves.
 *
 * @param externalId the {@code x-ms-dyn-externalidentifier} header, or {@code null}
 */
public record SandboxRequest(Instant at, String method, String path, int status, String externalId) {
}
