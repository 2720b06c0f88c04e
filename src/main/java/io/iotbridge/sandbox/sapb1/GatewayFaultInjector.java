package io.iotbridge.sandbox.sapb1;

import io.iotbridge.sandbox.AnswerPace;
import io.iotbridge.sandbox.FaultCountdown;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * What the HTTP gateway in front of the DI Server does when things go wrong: answers slowly (each
 * request delayed, or at most so many answers a second), stops answering until released, or
 * answers 503 Service Unavailable (the DI Server COM service is down) without a SOAP body.
 * Runs first, before anything reads the request.
 */
final class GatewayFaultInjector extends AbstractPhaseInterceptor<Message> {

    private final FaultCountdown failures = new FaultCountdown();
    private volatile Duration delay = Duration.ZERO;
    private final AnswerPace pace = new AnswerPace();
    /** Set while the gateway hangs: requests wait on it until it is released (or for {@link #HANG_AT_MOST}). */
    private volatile CountDownLatch hang;
    /** A hung request gives up after this, so a test that never releases it ends all the same. */
    static final Duration HANG_AT_MOST = Duration.ofMinutes(5);

    GatewayFaultInjector() {
        super(Phase.RECEIVE);
        addBefore(RawEnvelopeCapture.class.getName());
    }

    int pendingFailures() {
        return failures.remaining();
    }

    void failNext(int n) {
        failures.next(n);
    }

    void delay(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    void answersPerSecond(double perSecond) {
        pace.perSecond(perSecond);
    }

    void hang() {
        hang = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch held = hang;
        hang = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public void handleMessage(Message message) {
        CountDownLatch held = hang;
        if (held != null) {
            try {
                // a gateway that has stopped answering: the call waits until release()
                held.await(HANG_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Fault(e);
            }
        }
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                // a slow gateway: deliberately holds this request's thread
                TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Fault(e);
            }
        }
        try {
            pace.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fault(e);
        }
        if (failures.take()) {
            unavailable(message);
        }
    }

    private static void unavailable(Message message) {
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write("DI Server unavailable\n".getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            throw new Fault(e);
        }
        // nothing more happens to this request: no SOAP processing, no record
        message.getInterceptorChain().abort();
    }
}
