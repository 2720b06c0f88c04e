package io.iotbridge.opcua;

/**
 * When the next login to one server may be tried. A refused login leaves a session on the server
 * until that session times out, and PLCs have only a few: after a refusal no session is created,
 * by the bridge or by Milo's own reconnect, before the login retry delay has passed.
 */
final class LoginGate {

    private final long retryMillis;
    private long notBeforeNanos = System.nanoTime();

    LoginGate(long retryMillis) {
        this.retryMillis = retryMillis;
    }

    /**
     * A login was refused; the next waits the retry delay, or longer when the refused session
     * stays on the server for {@code lingerMillis}, so the server never holds two of the bridge's.
     */
    synchronized void refused(long lingerMillis) {
        // a second more than the linger: the server's own timeout check may run a little late
        long wait = lingerMillis > 0 ? Math.max(retryMillis, lingerMillis + 1000) : retryMillis;
        notBeforeNanos = System.nanoTime() + wait * 1_000_000;
    }

    /** Milliseconds until a session may be created, 0 if now. */
    synchronized long waitMillis() {
        return Math.max(0, (notBeforeNanos - System.nanoTime() + 999_999) / 1_000_000);
    }
}
