package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.DIServerPortType;
import io.iotbridge.erp.sapb1.dis.ExecuteSQL;
import io.iotbridge.erp.sapb1.dis.ExecuteSQLResponse;
import io.iotbridge.erp.sapb1.dis.Logout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DI Server session over its SOAP gateway: logs in on first use, sends the SessionID header
 * with every command, logs in again once and replays when the session has expired, logs out on
 * close. Thread-safe: the CXF proxy is shared and per-call state travels only in parameters.
 *
 * <p>A refused Login (a wrong password, user or company database) is not tried again before the
 * login retry delay has passed: until then every command fails at once with the refusal, without
 * a Login. Each refused Login counts against the B1 user, and SAP locks a user after a few of
 * them; the delivery retries and work-order lookups of a misconfigured bridge must not do that.
 *
 * <p>Failures: {@link SapB1InvalidDocumentException} (refused before sending),
 * {@link SapB1RejectedException} (a SOAP fault from the DI Server), {@link SapB1SessionException}
 * (no session to be had); transport failures (refused connections, timeouts, HTTP 5xx from the
 * gateway) surface as CXF's {@code jakarta.xml.ws.WebServiceException} with the IO cause.
 */
public final class DiServerClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LOGIN_RETRY_DELAY = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(DiServerClient.class);

    private final String address;
    private final DiServerLogin login;
    private final Bus bus;
    private final DIServerPortType port;
    private final AtomicInteger logins = new AtomicInteger();
    private final Object sessionLock = new Object();
    /** Guarded by sessionLock. */
    private final LoginBackoff backoff;
    private volatile String sessionId;
    private volatile boolean closed;

    public DiServerClient(String address, DiServerLogin login) {
        this(address, login, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RECEIVE_TIMEOUT);
    }

    public DiServerClient(String address, DiServerLogin login, Duration connectTimeout, Duration receiveTimeout) {
        this(address, login, connectTimeout, receiveTimeout, DEFAULT_LOGIN_RETRY_DELAY, Clock.systemUTC());
    }

    /** @param loginRetryDelay how long after a refused Login no other is sent (bridge.erp.sap-b1.login-retry-delay) */
    public DiServerClient(String address, DiServerLogin login, Duration connectTimeout, Duration receiveTimeout,
            Duration loginRetryDelay, Clock clock) {
        this.address = Objects.requireNonNull(address, "address");
        this.login = Objects.requireNonNull(login, "login");
        this.backoff = new LoginBackoff(Objects.requireNonNull(loginRetryDelay, "loginRetryDelay"),
                Objects.requireNonNull(clock, "clock"));
        // a bus of its own, so close() releases this client's HTTP resources and nothing else
        this.bus = BusFactory.newInstance().createBus();
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(DIServerPortType.class);
        factory.setWsdlURL(SapB1Contract.wsdl().toExternalForm());
        factory.setServiceName(SapB1Contract.SERVICE);
        factory.setEndpointName(SapB1Contract.PORT);
        factory.setAddress(address);
        factory.setDataBinding(samplePrefixes());
        // the envelope prefix SAP's samples use
        factory.setProperties(Map.of("soap.env.ns.map", Map.of("env", DiServerFaults.SOAP11_ENVELOPE)));
        this.port = factory.create(DIServerPortType.class);

        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    /**
     * Adds one business object; returns the DI Server's RetKey (the new object's key), or, for a
     * replay the DI Server refuses as a duplicate, the bridge's own key of it ({@link SapB1Keys}).
     *
     * @throws SapB1InvalidDocumentException if the command does not match the XSD (nothing sent)
     * @throws SapB1RejectedException if the DI Server refuses it
     */
    public String addObject(AddObject command) {
        ensureOpen();
        SapB1Contract.validate(command);
        try {
            return inSession(session -> port.addObject(command, session).getRetKey());
        } catch (SapB1RejectedException e) {
            // a replay (after a crash or a lost answer) of a document already booked: same key, no second record
            String code = command.getBOM() == null ? null : SapB1Keys.documentKey(command.getBOM().getBO());
            if (code != null && DiServerFaults.isDuplicateKey(e.faultMessage())) {
                LOG.info("SAP B1 already holds {} (replayed document); counted as accepted", code);
                return code;
            }
            throw e;
        }
    }

    /**
     * Runs one ExecuteSQL query in the session (the work-order lookup, {@link SapB1WorkOrderQuery}).
     *
     * @throws SapB1RejectedException if the DI Server refuses it
     */
    public ExecuteSQLResponse executeSql(String query) {
        ensureOpen();
        ExecuteSQL command = new ExecuteSQL();
        command.setDoQuery(query);
        SapB1Contract.validate(command);
        return inSession(session -> port.executeSQL(command, session));
    }

    /** How many times this client has logged in (a re-login after expiry counts). */
    public int logins() {
        return logins.get();
    }

    public String address() {
        return address;
    }

    /** Logs out of the open session, if any; a failing logout is only logged. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        String session;
        synchronized (sessionLock) {
            session = sessionId;
            sessionId = null;
        }
        try {
            if (session != null) {
                port.logout(new Logout(), session);
                LOG.debug("logged out of SAP Business One at {}", address);
            }
        } catch (RuntimeException e) {
            LOG.info("logout from SAP Business One at {} failed: {}", address, e.getMessage());
        } finally {
            ClientProxy.getClient(port).destroy();
            bus.shutdown(true);
        }
    }

    /** Runs a command in the current session; on an invalid-session fault, logs in once and replays. */
    private <T> T inSession(Function<String, T> command) {
        String session = session();
        try {
            return command.apply(session);
        } catch (RuntimeException first) {
            DiServerFaults.Fault fault = DiServerFaults.of(first).orElseThrow(() -> first);
            if (!fault.isInvalidSession()) {
                throw new SapB1RejectedException(fault.code(), fault.message(), first);
            }
            LOG.info("SAP Business One session at {} expired; logging in again", address);
            String renewed = renew(session);
            try {
                return command.apply(renewed);
            } catch (RuntimeException second) {
                DiServerFaults.Fault again = DiServerFaults.of(second).orElseThrow(() -> second);
                if (again.isInvalidSession()) {
                    throw new SapB1SessionException("the DI Server at " + address
                            + " refused a session right after login: " + again.message(), second);
                }
                throw new SapB1RejectedException(again.code(), again.message(), second);
            }
        }
    }

    private String session() {
        String current = sessionId;
        if (current != null) {
            return current;
        }
        synchronized (sessionLock) {
            if (sessionId == null) {
                sessionId = doLogin();
            }
            return sessionId;
        }
    }

    /** A new session unless another thread has already replaced the stale one. */
    private String renew(String stale) {
        synchronized (sessionLock) {
            if (sessionId == null || sessionId.equals(stale)) {
                sessionId = doLogin();
            }
            return sessionId;
        }
    }

    /** Called under sessionLock. */
    private String doLogin() {
        ensureOpen();
        Instant now = backoff.beforeLogin();
        var command = login.toCommand();
        SapB1Contract.validate(command);
        try {
            String session = port.login(command).getSessionID();
            logins.incrementAndGet();
            backoff.succeeded();
            LOG.debug("logged in to SAP Business One at {} as {}", address, login.companyUsername());
            return session;
        } catch (RuntimeException e) {
            // a transport failure says nothing about the credentials: only a refusal holds back the next Login
            DiServerFaults.Fault fault = DiServerFaults.of(e).orElseThrow(() -> e);
            SapB1SessionException refused = new SapB1SessionException("the DI Server at " + address
                    + " refused the login of " + login.companyUsername() + " to " + login.databaseName() + ": "
                    + fault.message() + " (check " + settingsFor(fault.message()) + ")", e);
            throw backoff.refused(refused, now);
        }
    }

    /** Where an operator looks for a refused login's cause, by the DI API's error. */
    private static String settingsFor(String faultMessage) {
        if (DiServerFaults.USER_AUTHENTICATION_FAILED.equals(faultMessage)) {
            return "bridge.erp.sap-b1.company-username and BRIDGE_ERP_SAP_B1_COMPANY_PASSWORD";
        }
        if (DiServerFaults.COMPANY_DATABASE_FAILED.equals(faultMessage)) {
            return "bridge.erp.sap-b1.database-name, -username and BRIDGE_ERP_SAP_B1_DATABASE_PASSWORD";
        }
        return "the bridge.erp.sap-b1.* login settings and their passwords in the environment";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("DI Server client for " + address + " is closed");
        }
    }

    private static JAXBDataBinding samplePrefixes() {
        JAXBDataBinding binding = new JAXBDataBinding();
        binding.setNamespaceMap(Map.of(SapB1Contract.NAMESPACE, "dis"));
        return binding;
    }
}
