package io.iotbridge.erp.sapb1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a refused login (a wrong password, user or company database) no other is sent before the
 * login retry delay (bridge.erp.sap-b1.login-retry-delay) has passed: SAP locks a B1 user after a
 * few refused logins, and the delivery retries and work-order lookups of a misconfigured bridge
 * must not do that. The same refusal is logged once. Both transports' clients use it under their
 * session lock.
 */
final class LoginBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(LoginBackoff.class);

    private final Duration delay;
    private final Clock clock;
    private SapB1SessionException refusal;
    private Instant refusedUntil = Instant.MIN;

    LoginBackoff(Duration delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    /** Throws the last refusal while its delay runs; returns the time of the login to be tried. */
    Instant beforeLogin() {
        Instant now = clock.instant();
        if (now.isBefore(refusedUntil)) {
            throw new SapB1SessionException(refusal.getMessage() + "; no new login before " + refusedUntil
                    + " (bridge.erp.sap-b1.login-retry-delay)", refusal);
        }
        return now;
    }

    void succeeded() {
        refusal = null;
    }

    /** Holds back the next login from {@code triedAt}; logs a refusal unlike the last one. Returns it to throw. */
    SapB1SessionException refused(SapB1SessionException refused, Instant triedAt) {
        if (refusal == null || !refusal.getMessage().equals(refused.getMessage())) {
            LOG.warn("{}; no new login for {} (bridge.erp.sap-b1.login-retry-delay)", refused.getMessage(), delay);
        }
        refusal = refused;
        refusedUntil = triedAt.plus(delay);
        return refused;
    }
}
