package io.iotbridge.opcua;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;

/** Which of the endpoints a server offers the bridge connects to, as its source configuration asks. */
final class OpcUaEndpoints {

    private OpcUaEndpoints() {
    }

    /** The server's endpoint with the configured policy and mode, or a message naming what it offers. */
    static EndpointDescription choose(OpcUaSourceConfiguration configuration, List<EndpointDescription> offered)
            throws URISyntaxException {
        for (EndpointDescription e : offered) {
            if (configuration.securityPolicy().getUri().equals(e.getSecurityPolicyUri())
                    && e.getSecurityMode() == configuration.messageSecurityMode()) {
                URI url = URI.create(e.getEndpointUrl());
                URI configured = URI.create(withoutUserInfo(configuration.getEndpointUri()));
                // servers often announce a host name the bridge cannot resolve: keep the configured host
                String host = configuration.isOverrideHost() ? configured.getHost() : url.getHost();
                String endpointUrl = new URI(url.getScheme(), null, host, url.getPort(), url.getPath(), null, null).toString();
                return new EndpointDescription(endpointUrl, e.getServer(), e.getServerCertificate(), e.getSecurityMode(),
                        e.getSecurityPolicyUri(), e.getUserIdentityTokens(), e.getTransportProfileUri(), e.getSecurityLevel());
            }
        }
        throw new IllegalStateException("the server offers no endpoint with securityPolicy "
                + configuration.securityPolicy().name() + " and messageSecurityMode " + configuration.messageSecurityMode()
                + " (it offers: " + offered.stream().map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                        .map(Enum::name).orElse(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode())
                        .distinct().collect(Collectors.joining(", ")) + ")");
    }

    /** The endpoint URL without user:password@, which discovery must not send. */
    static String withoutUserInfo(String url) {
        URI uri = URI.create(url);
        return uri.getUserInfo() == null ? url : url.replaceFirst("//" + Pattern.quote(uri.getRawUserInfo()) + "@", "//");
    }
}
