package io.iotbridge.erp.dynamics365;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Which failed enqueue answers are worth another attempt (docs/architecture.md, "Delivery core"), in one place.
 * Transient: 408, 429 (with its Retry-After), 502/503/504, and a 500 that carries no OData
 * error. Permanent: any other answer; its OData error's message becomes the exception's.
 * F&O reports write failures (an Infolog) as 500 with an OData error body, so such a 500 is
 * a business rejection, not an outage.
 */
final class Dynamics365Failures {

    private Dynamics365Failures() {
    }

    static RuntimeException classify(HttpResponse<String> response, String documentKey) {
        int status = response.statusCode();
        Optional<ODataError> error = ODataError.parse(response.body());
        if (status == 429) {
            Duration retryAfter = retryAfter(response).orElse(null);
            return new Dynamics365TransientException("Dynamics 365 throttled " + documentKey + " (HTTP 429"
                    + (retryAfter == null ? ")" : ", Retry-After " + retryAfter.toSeconds() + " s)"), status, retryAfter, null);
        }
        boolean transientStatus = status == 408 || status == 502 || status == 503 || status == 504
                || (status == 500 && error.isEmpty());
        if (transientStatus) {
            return new Dynamics365TransientException("Dynamics 365 answered HTTP " + status + " for " + documentKey
                    + error.map(e -> ": " + e.erpMessage()).orElse(""), status, retryAfter(response).orElse(null), null);
        }
        if (status == 401 || status == 403) {
            return new Dynamics365AuthenticationException("Dynamics 365 refused the access token (HTTP " + status
                    + ") for " + documentKey + error.map(e -> ": " + e.erpMessage()).orElse(""), null);
        }
        return new Dynamics365RejectedException(status,
                error.map(ODataError::erpMessage).orElseGet(() -> abbreviate(response.body())));
    }

    /** Retry-After as delta-seconds (what F&O and Entra send); an HTTP-date is not honoured here. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
