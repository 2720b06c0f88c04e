package io.iotbridge.embedded;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import io.netty.channel.Channel;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OPC UA server (Eclipse Milo 1.0) simulating a small line: machines {@link #MACHINES}, each
 * with the {@link LineSignal}s as String nodes {@code ns=2;s=Line1/<machine>/<signal>} whose
 * values move twice a second.
 *
 * <p>Endpoint {@code opc.tcp://localhost:<port>/iot-erp-bridge} on the loopback interface,
 * security policy None, anonymous identity, read-only nodes ({@link #secured}: Basic256Sha256 and a
 * username login instead). The server still needs an application certificate; it is generated in
 * memory at the first start of an instance, so nothing is written to disk.
 */
public final class LineSimulator implements AutoCloseable {

    public static final String NAMESPACE_URI = "urn:iot-erp-bridge:line-simulator";
    /** 0 is the OPC UA namespace, 1 the server's own; the first namespace a server registers is 2. */
    public static final int NAMESPACE_INDEX = 2;
    public static final String PATH = "/iot-erp-bridge";
    public static final List<String> MACHINES = List.of("PRESS-07", "PRESS-08");

    private static final String HOST = "localhost";
    private static final String APPLICATION_URI = "urn:iot-erp-bridge:line-simulator:server";
    private static final Logger LOG = LoggerFactory.getLogger(LineSimulator.class);

    private final int port;
    private final int generated;
    private final String username;
    private volatile String password;
    private volatile Duration maxSessionTimeout;
    /** Username logins tried against this server, accepted or not. */
    private final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    /** The TCP connections clients hold now, for {@link #dropConnections}. */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private OpcUaServer server;
    private LineSimulatorNamespace namespace;
    private KeyPair keyPair;
    private X509Certificate certificate;
    private final List<X509Certificate> clientCertificates = new java.util.concurrent.CopyOnWriteArrayList<>();

    public LineSimulator(int port) {
        this(port, 0, null, null);
    }

    private LineSimulator(int port, int generated, String username, String password) {
        this.port = port;
        this.generated = generated;
        this.username = username;
        this.password = password;
    }

    /**
     * The same line behind security policy Basic256Sha256 (endpoints Sign and SignAndEncrypt) and
     * a username login as the only identity: what a plant's PLC looks like, for tests. It accepts
     * any client certificate and records it ({@link #clientCertificates()}).
     */
    public static LineSimulator secured(int port, String username, String password) {
        return new LineSimulator(port, 0, username, password);
    }

    /**
     * The same line plus {@code count} generated Double nodes {@code ns=2;s=Line1/GEN-<i>/Value}
     * (i = 1..count), each changing once a second: the OPC UA load of bench/ (its scale target: 10,000 tags).
     */
    public static LineSimulator withGeneratedNodes(int port, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return new LineSimulator(port, count, null, null);
    }

    /** {@code ns=2;s=Line1/GEN-<index>/Value}, index from 1, as {@link #nodeId(String, LineSignal)}. */
    public static String generatedNodeId(int index) {
        return "ns=" + NAMESPACE_INDEX + ";s=" + LineSimulatorNamespace.generatedIdentifier(index);
    }

    /**
     * The node id of a simulated signal as camel-milo's {@code node} parameter and Milo's
     * {@code NodeId.parse} take it, e.g. {@code ns=2;s=Line1/PRESS-07/Temperature}. In an
     * endpoint URI wrap it as {@code node=RAW(ns=2;s=...)}.
     */
    public static String nodeId(String machine, LineSignal signal) {
        return "ns=" + NAMESPACE_INDEX + ";s=" + LineSimulatorNamespace.identifier(machine, signal);
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        long t0 = System.nanoTime();
        if (keyPair == null) {
            // kept across a restart of this instance, as a real server keeps its certificate
            keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("iot-erp-bridge line simulator")
                    .setApplicationUri(APPLICATION_URI)
                    .addDnsName(HOST)
                    .addIpAddress("127.0.0.1")
                    .build();
        }

        EndpointConfig.Builder endpoint = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress("127.0.0.1")
                .setBindPort(port)
                .setHostname(HOST)
                .setPath(PATH)
                .setCertificate(certificate);
        Set<EndpointConfig> endpoints;
        IdentityValidator identity;
        if (username == null) {
            endpoints = Set.of(endpoint.setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                    .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS).build());
            identity = AnonymousIdentityValidator.INSTANCE;
        } else {
            endpoint.setSecurityPolicy(SecurityPolicy.Basic256Sha256).addTokenPolicies(USER_TOKEN_POLICY_USERNAME);
            endpoints = Set.of(endpoint.copy().setSecurityMode(MessageSecurityMode.Sign).build(),
                    endpoint.copy().setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
            // read at every login: changePassword applies to the next one
            identity = new UsernameIdentityValidator(c -> {
                logins.incrementAndGet();
                return username.equals(c.getUsername()) && password.equals(c.getPassword());
            });
        }
        OpcUaServerConfigLimits limits = maxSessionTimeout == null ? new OpcUaServerConfigLimits() { }
                : new OpcUaServerConfigLimits() {
                    @Override
                    public Double getMaxSessionTimeout() {
                        return (double) maxSessionTimeout.toMillis();
                    }
                };

        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("iot-erp-bridge line simulator"))
                .setProductUri("urn:iot-erp-bridge")
                .setEndpoints(endpoints)
                .setCertificateManager(certificateManager(keyPair, certificate, username != null))
                .setIdentityValidator(identity)
                .setLimits(limits)
                .build();

        OpcUaServer candidate = new OpcUaServer(config, profile -> new OpcTcpServerTransport(
                OpcTcpServerTransportConfig.newBuilder().setChannelPipelineCustomizer(pipeline -> {
                    connections.add(pipeline.channel());
                    pipeline.channel().closeFuture().addListener(f -> connections.remove(pipeline.channel()));
                }).build()));
        LineSimulatorNamespace candidateNamespace = new LineSimulatorNamespace(candidate, NAMESPACE_URI, MACHINES, generated);
        candidateNamespace.startup();
        try {
            candidate.startup().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            candidateNamespace.shutdown();
            candidate.shutdown();
            throw new IllegalStateException("OPC UA line simulator did not start on port " + port, e);
        }
        int index = candidateNamespace.getNamespaceIndex().intValue();
        if (index != NAMESPACE_INDEX) {
            // camel routes and catalogue entries written against ns=2 would silently read nothing
            throw new IllegalStateException("line simulator namespace got index " + index + ", not " + NAMESPACE_INDEX);
        }
        server = candidate;
        namespace = candidateNamespace;
        LOG.info("OPC UA line simulator at {} started in {} ms", endpointUrl(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Caps the session timeout the server grants (default: Milo's two minutes), so that sessions
     * a client left behind go sooner; before {@link #start}.
     */
    public LineSimulator withMaxSessionTimeout(Duration timeout) {
        this.maxSessionTimeout = timeout;
        return this;
    }

    /**
     * The administrator gives the login user a new password (secured simulator): running sessions
     * stay, every later login or re-activation must use it.
     */
    public void changePassword(String newPassword) {
        if (username == null) {
            throw new IllegalStateException("the line simulator is not secured");
        }
        password = newPassword;
    }

    /** Closes every client's TCP connection (a network blip): sessions stay, waiting for re-activation. */
    public void dropConnections() {
        connections.forEach(Channel::close);
    }

    /** {@code opc.tcp://localhost:<port>/iot-erp-bridge}. */
    public String endpointUrl() {
        return "opc.tcp://" + HOST + ":" + port + PATH;
    }

    public int port() {
        return port;
    }

    /** The certificates of the clients that opened a secured channel (secured simulator only). */
    public List<X509Certificate> clientCertificates() {
        return List.copyOf(clientCertificates);
    }

    /** The server's application instance certificate (made at the first start of this instance). */
    public synchronized X509Certificate certificate() {
        return certificate;
    }

    /**
     * How many username logins clients have tried since the start, accepted or refused: a refused
     * session may be closed at once, so {@link #sessionCount()} alone does not show a client that
     * keeps trying.
     */
    public int loginAttempts() {
        return logins.get();
    }

    /** Sessions the server holds now, whatever their state. */
    public synchronized int sessionCount() {
        if (server == null) {
            throw new IllegalStateException("line simulator is not started");
        }
        return server.getSessionManager().getAllSessions().size();
    }

    /** The message security mode of each session the server holds now. */
    public synchronized List<MessageSecurityMode> sessionSecurityModes() {
        if (server == null) {
            throw new IllegalStateException("line simulator is not started");
        }
        return server.getSessionManager().getAllSessions().stream()
                .map(s -> s.getEndpoint().getSecurityMode()).toList();
    }

    /** Gives the node a Bad status (Bad_SensorFailure, no value) until {@link #resume} is called. */
    public void setBad(String nodeId) {
        setValue(nodeId, null, new StatusCode(StatusCodes.Bad_SensorFailure));
    }

    /**
     * Sets a node's value and status by hand (e.g. a Double with an Uncertain status); the
     * simulation stops moving that node until {@link #resume}.
     *
     * @param nodeId {@code ns=2;s=Line1/PRESS-07/Temperature} or just {@code Line1/PRESS-07/Temperature}
     */
    public void setValue(String nodeId, Object value, StatusCode status) {
        requireStarted().set(identifier(nodeId), value, status);
    }

    /** Hands a node set by {@link #setBad} or {@link #setValue} back to the simulation. */
    public void resume(String nodeId) {
        requireStarted().resume(identifier(nodeId));
    }

    @Override
    public synchronized void close() throws Exception {
        if (server != null) {
            namespace.shutdown();
            server.shutdown().get(30, TimeUnit.SECONDS);
            server = null;
            namespace = null;
        }
    }

    private synchronized LineSimulatorNamespace requireStarted() {
        if (namespace == null) {
            throw new IllegalStateException("line simulator is not started");
        }
        return namespace;
    }

    private static String identifier(String nodeId) {
        if (!nodeId.startsWith("ns=")) {
            return nodeId;
        }
        NodeId parsed = NodeId.parse(nodeId);
        if (parsed.getNamespaceIndex().intValue() != NAMESPACE_INDEX || !(parsed.getIdentifier() instanceof String id)) {
            throw new IllegalArgumentException("not a line simulator node id: " + nodeId);
        }
        return id;
    }

    /** The in-memory certificate machinery Milo requires even when every endpoint is unsecured. */
    private DefaultCertificateManager certificateManager(KeyPair keyPair, X509Certificate certificate,
            boolean acceptAnyClient) throws Exception {
        var trustList = new MemoryTrustListManager();
        var quarantine = new MemoryCertificateQuarantine();
        var factory = new RsaSha256CertificateFactory() {
            @Override
            protected KeyPair createRsaSha256KeyPair() {
                return keyPair;
            }

            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair ignored) {
                return new X509Certificate[] {certificate};
            }
        };
        // a simulator for tests: no trust list to maintain for the bridges that connect to it
        CertificateValidator clients = acceptAnyClient ? (chain, uri, hosts) -> clientCertificates.add(chain.get(0))
                : new DefaultServerCertificateValidator(trustList, quarantine);
        var group = DefaultApplicationGroup.createAndInitialize(trustList, new MemoryCertificateStore(), factory, clients);
        return new DefaultCertificateManager(quarantine, group);
    }
}
