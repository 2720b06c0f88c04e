package io.iotbridge.sandbox.infor;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.infor.ImsPublisher;
import io.iotbridge.erp.infor.InforDocuments;
import io.iotbridge.erp.infor.IonApiCredentials;
import io.iotbridge.sandbox.ErpSandbox;
import io.iotbridge.sandbox.SandboxRecorder;
import io.iotbridge.sandbox.SandboxServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Infor sandbox: the ION API Gateway's token endpoint and ION Messaging Service on one
 * loopback port, at the paths its .ionapi ({@link #credentials()}) names, recording every BOD it
 * accepts (erp {@code infor}) in the shared {@link SandboxRecorder}. Faults can be injected:
 * expired tokens, 503s, rejections with a message.
 */
public final class InforSandbox implements ErpSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(InforSandbox.class);
    private static final String HOST = InforSandboxCredentials.HOST;

    private final int port;
    private final IonApiTokenEndpoint tokens = new IonApiTokenEndpoint();
    private final ImsFaults faults = new ImsFaults();
    private final SandboxImsEndpoint ims;
    private final SandboxServer server = new SandboxServer("infor-sandbox", 4);

    /** @param port the loopback port to listen on (bridge.sandbox.infor.port) */
    public InforSandbox(int port, SandboxRecorder recorder) {
        this.port = port;
        this.ims = new SandboxImsEndpoint(tokens, faults, Objects.requireNonNull(recorder, "recorder"));
    }

    @Override
    public String erp() {
        return InforDocuments.ERP;
    }

    /** The ION API gateway base, the .ionapi's iu. */
    @Override
    public String address() {
        return "http://" + HOST + ":" + port;
    }

    /** The sandbox's .ionapi content: sandbox-only credentials pointing at this sandbox. */
    public IonApiCredentials credentials() {
        return InforSandboxCredentials.forSandbox(HOST, port);
    }

    @Override
    public void start() throws IOException {
        server.start(new InetSocketAddress(HOST, port), null, "/" + InforSandboxCredentials.TENANT + "/", this::route);
        LOG.info("Infor sandbox (ION API token endpoint and IMS) at {}/{}", address(), InforSandboxCredentials.TENANT);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String tenantRoot = "/" + InforSandboxCredentials.TENANT;
            String path = exchange.getRequestURI().getPath().substring(tenantRoot.length());
            if (path.equals("/as/" + InforSandboxCredentials.TOKEN_PATH)) {
                tokens.handle(exchange);
            } else if (path.startsWith(ImsPublisher.IMS_PATH)) {
                ims.handle(exchange, path.substring(ImsPublisher.IMS_PATH.length()));
            } else {
                IonApiAnswers.message(exchange, 404, "not an ION API path of the sandbox: " + path);
            }
        } catch (RuntimeException e) {
            LOG.warn("Infor sandbox failed on {}: {}", exchange.getRequestURI(), e.toString());
            throw e;
        }
    }

    /** Every token issued so far becomes unknown, as after expiry or revocation. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** The next {@code n} IMS requests get HTTP 503. */
    public void failNext(int n) {
        faults.failNext(n);
    }

    /** The next {@code n} messages are refused with 412 and {@code message} (v2 answers 412 to any rejection). */
    public void rejectNext(int n, String message) {
        rejectNext(n, 412, message);
    }

    /** The next {@code n} messages are refused with {@code status} (412 or 400) and {@code message}. */
    public void rejectNext(int n, int status, String message) {
        faults.rejectNext(n, status, Objects.requireNonNull(message, "message"));
    }

    /** How many tokens the sandbox has issued. */
    public int tokensIssued() {
        return tokens.issued();
    }

    @Override
    public void close() {
        server.close();
    }
}
