package io.iotbridge.sandbox.sapb1;

import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.sapb1.DiServerFaults;
import io.iotbridge.erp.sapb1.DiServerLogin;
import io.iotbridge.erp.sapb1.SapB1Contract;
import io.iotbridge.erp.sapb1.SapB1Objects;
import io.iotbridge.erp.sapb1.dis.DIServerPortType;
import io.iotbridge.sandbox.ErpSandbox;
import io.iotbridge.sandbox.SandboxRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.annotations.SchemaValidation.SchemaValidationType;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAP Business One sandbox: the DI Server's SOAP gateway, served by CXF from the same WSDL
 * the client uses, validating every request against the XSD and recording what it accepts
 * (erp {@code sap-b1}) in the shared {@link SandboxRecorder}, session ids and passwords masked.
 * A Login must carry the configured credentials, as on a real DI Server. Faults can be injected for tests
 * and operations: expired sessions, business rejections, an unavailable gateway, slowness (a
 * delay per request or a cap on answers a second).
 */
public final class SapB1Sandbox implements ErpSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(SapB1Sandbox.class);

    private final String address;
    private final DiServerSandboxService service;
    private final GatewayFaultInjector gateway = new GatewayFaultInjector();
    private Bus bus;
    private Server server;

    /**
     * @param address  where to publish, e.g. {@code http://127.0.0.1:8081/sap-b1/DIServer} (loopback only)
     * @param expected the company database and user a Login must name, with their passwords
     */
    public SapB1Sandbox(String address, SandboxRecorder recorder, DiServerLogin expected) {
        this.address = Objects.requireNonNull(address, "address");
        this.service = new DiServerSandboxService(Objects.requireNonNull(recorder, "recorder"),
                Objects.requireNonNull(expected, "expected"));
    }

    @Override
    public String erp() {
        return SapB1Objects.ERP;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        // a bus of its own, so close() frees the port without touching other CXF endpoints
        bus = BusFactory.newInstance().createBus();
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(DIServerPortType.class);
        factory.setServiceBean(service);
        factory.setWsdlLocation(SapB1Contract.wsdl().toExternalForm());
        factory.setServiceName(SapB1Contract.SERVICE);
        factory.setEndpointName(SapB1Contract.PORT);
        factory.setAddress(address);
        factory.setProperties(Map.of(
                Message.SCHEMA_VALIDATION_ENABLED, SchemaValidationType.IN,
                "soap.env.ns.map", Map.of("env", DiServerFaults.SOAP11_ENVELOPE)));
        factory.getInInterceptors().add(new RawEnvelopeCapture());
        factory.getInInterceptors().add(gateway);
        server = factory.create();
        LOG.info("SAP Business One sandbox (DI Server gateway) at {}", address);
    }

    @Override
    public String address() {
        return address;
    }

    /** Every open session becomes unknown, as after a DI Server restart or timeout. */
    public void expireSessions() {
        service.expireSessions();
    }

    /** The next {@code n} AddObject commands (with a valid session) get a business fault. */
    public void rejectNext(int n, String message) {
        service.rejectNext(n, Objects.requireNonNull(message, "message"), null);
    }

    /** The next {@code n} documents of this kind (meter, counter, alert) get a business fault. */
    public void rejectNext(int n, String message, String kind) {
        service.rejectNext(n, Objects.requireNonNull(message, "message"), Objects.requireNonNull(kind, "kind"));
    }

    /** The next {@code n} requests of any kind get HTTP 503 from the gateway, without a SOAP body. */
    public void failNext(int n) {
        gateway.failNext(n);
    }

    /** How many of the injected failures are still to come. */
    public int pendingFailures() {
        return gateway.pendingFailures();
    }

    /** The gateway stops answering: every request waits until {@link #release()}. */
    public void hang() {
        gateway.hang();
    }

    /** The gateway answers again, the requests that waited first. */
    public void release() {
        gateway.release();
    }

    /** Every request waits this long before it is handled; {@link Duration#ZERO} to stop. */
    public void delay(Duration delay) {
        gateway.delay(delay);
    }

    /**
     * The gateway answers at most {@code perSecond} requests a second, the others wait their turn:
     * an ERP slower than the bridge needs. 0 (the default) answers at once.
     *
     * @throws IllegalArgumentException when {@code perSecond} is negative or not a finite number
     */
    public void answerAtMost(double perSecond) {
        gateway.answersPerSecond(perSecond);
    }

    /** The production orders in progress, machine id -> order (DocEntry), that the work-order query answers. */
    public void currentOrders(Map<String, WorkOrder> orders) {
        service.currentOrders(orders);
    }

    /** How many work-order queries the sandbox has answered. */
    public int workOrderQueries() {
        return service.workOrderQueries();
    }

    /** How many Login commands the sandbox has answered with a session. */
    public int logins() {
        return service.logins();
    }

    /** How many Login commands the sandbox has received, refused ones included. */
    public int loginAttempts() {
        return service.loginAttempts();
    }

    /** Sessions logged in and neither logged out nor expired. */
    public int openSessions() {
        return service.openSessions();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.destroy();
            server = null;
        }
        if (bus != null) {
            bus.shutdown(true);
            bus = null;
        }
    }
}
