package io.iotbridge.opcua;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/**
 * camel-milo's client configuration plus what it lacks: the message security mode and a
 * username identity that stays out of the endpoint URI. The opcua-sensor-source Kamelet makes
 * one per entry (a Kamelet bean) and hands it to milo-client as its {@code configuration}.
 */
public class OpcUaSourceConfiguration extends MiloClientConfiguration {

    private SecurityPolicy securityPolicy = SecurityPolicy.None;
    private MessageSecurityMode messageSecurityMode = MessageSecurityMode.SignAndEncrypt;
    private String username = "";
    private String password = "";

    public OpcUaSourceConfiguration() {
        setOverrideHost(true);
    }

    public OpcUaSourceConfiguration(MiloClientConfiguration other) {
        super(other);
        if (other instanceof OpcUaSourceConfiguration source) {
            securityPolicy = source.securityPolicy;
            messageSecurityMode = source.messageSecurityMode;
            username = source.username;
            password = source.password;
        }
        // MiloClientConfiguration's copy constructor forgets the session timeout
        setSessionTimeout(other.getSessionTimeout());
    }

    /** {@code None} or {@code Basic256Sha256} (the names Milo gives its policies), or a policy URI. */
    public void setSecurityPolicy(String name) {
        SecurityPolicy policy = null;
        for (SecurityPolicy p : SecurityPolicy.values()) {
            if (p.name().equalsIgnoreCase(name.trim()) || p.getUri().equals(name.trim())) {
                policy = p;
            }
        }
        if (policy != SecurityPolicy.None && policy != SecurityPolicy.Basic256Sha256) {
            throw new IllegalArgumentException("OPC UA securityPolicy '" + name + "' is not supported (None or Basic256Sha256)");
        }
        securityPolicy = policy;
        setAllowedSecurityPolicies(policy.getUri());
    }

    public SecurityPolicy securityPolicy() {
        return securityPolicy;
    }

    /** {@code Sign} or {@code SignAndEncrypt}; ignored with security policy None. */
    public void setMessageSecurityMode(String name) {
        MessageSecurityMode mode = switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sign" -> MessageSecurityMode.Sign;
            case "signandencrypt" -> MessageSecurityMode.SignAndEncrypt;
            default -> throw new IllegalArgumentException(
                    "OPC UA messageSecurityMode '" + name + "' is not supported (Sign or SignAndEncrypt)");
        };
        messageSecurityMode = mode;
    }

    /** The mode the connection asks for: None with policy None, otherwise the configured one. */
    public MessageSecurityMode messageSecurityMode() {
        return securityPolicy == SecurityPolicy.None ? MessageSecurityMode.None : messageSecurityMode;
    }

    public void setUsername(String username) {
        this.username = username == null ? "" : username.trim();
    }

    public String username() {
        return username;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    String password() {
        return password;
    }

    /** {@code host:port/path} of the server, without credentials: how operators and the health check name it. */
    public String serverName() {
        URI uri = URI.create(getEndpointUri());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 4840 : uri.getPort()) + path;
    }

    /** Whether this entry asks for the same connection as {@code other} (same policy, mode, user and password). */
    boolean sameConnectionAs(OpcUaSourceConfiguration other) {
        return securityPolicy == other.securityPolicy && messageSecurityMode() == other.messageSecurityMode()
                && username.equals(other.username) && Objects.equals(password, other.password);
    }

    /** How an entry's settings read in a log line; never the password. */
    String describe() {
        return "securityPolicy=" + securityPolicy.name() + ", messageSecurityMode=" + messageSecurityMode()
                + ", user=" + (username.isEmpty() ? "(anonymous)" : username);
    }

    @Override
    public OpcUaSourceConfiguration clone() {
        return new OpcUaSourceConfiguration(this);
    }

    @Override
    public String toString() {
        return "OpcUaSourceConfiguration[" + getEndpointUri() + ", " + describe() + "]";
    }
}
