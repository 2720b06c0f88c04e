package io.iotbridge.api;

import io.iotbridge.api.auth.ApiAccess;
import io.iotbridge.api.auth.ApiKeys;
import io.iotbridge.api.auth.Credentials;
import io.iotbridge.api.auth.FacadeThrottle;
import io.iotbridge.api.auth.FirstApiKey;
import io.iotbridge.api.auth.IdLimits;
import io.iotbridge.api.auth.JwtVerifier;
import io.iotbridge.embedded.SimulatedHttpDevice;
import io.iotbridge.health.Stages;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;

/**
 * The REST API's HTTP side: its engine on bridge.http.port with the handlers every request passes
 * first (credentials and roles, id limits, the facades' rate limit), and the header filter between
 * HTTP and the routes. In the embedded default, the simulated HTTP device that posts to it with a
 * key of its own.
 */
@Configuration
public class ApiConfiguration implements CamelConfiguration, CamelContextAware {

    private CamelContext camelContext;
    private SimulatedHttpDevice device;

    @BindToRegistry
    public ApiHttpEngine apiHttpEngine(@PropertyInject("bridge.http.port") int httpPort,
            @PropertyInject("bridge.api.keys") String keys,
            @PropertyInject("bridge.api.keys-file") String keysFile,
            @PropertyInject("bridge.api.jwt.issuer") String issuer,
            @PropertyInject("bridge.api.jwt.jwks-url") String jwksUrl,
            @PropertyInject("bridge.api.jwt.audience") String audience,
            @PropertyInject("bridge.api.jwt.roles-claim") String rolesClaim,
            @PropertyInject("bridge.api.facade.rate-limit") int facadeRateLimit,
            @PropertyInject("bridge.embedded") boolean embedded,
            @PropertyInject("bridge.embedded.http-device") boolean httpDevice,
            @PropertyInject("bridge.embedded.device.period") String devicePeriod,
            @PropertyInject("bridge.http.keystore") String keystore) {
        boolean tokens = issuer != null && !issuer.isBlank();
        ApiKeys apiKeys = FirstApiKey.load(keys, Path.of(keysFile), tokens, httpPort);
        // the demo's HTTP device speaks plain HTTP, so it stays off when the API is on HTTPS
        if (embedded && httpDevice && (keystore == null || keystore.isBlank())) {
            device = new SimulatedHttpDevice(httpPort, Duration.ofMillis(TimeUtils.toMilliSeconds(devicePeriod)));
            apiKeys = apiKeys.with(device.keyEntry(), "the embedded HTTP device");
        }
        ApiAccess access = new ApiAccess(new Credentials(apiKeys,
                tokens ? new JwtVerifier(issuer, jwksUrl, audience, rolesClaim) : null));
        RequestStage requests = new RequestStage(() -> camelContext.getRegistry().findSingleByType(Stages.class).stage("http"));
        return new ApiHttpEngine(httpPort, requests, access, new IdLimits(), new FacadeThrottle(facadeRateLimit));
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        // started with the context, stopped with it; it tries again until the API answers
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                if (device != null) {
                    device.start();
                }
            }

            @Override
            protected void doStop() throws InterruptedException {
                if (device != null) {
                    device.close();
                }
            }
        });
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @BindToRegistry
    public ApiProblems apiProblems() {
        return new ApiProblems();
    }

    /** For route files' log steps: {@code method: "of(${header.x})"}. */
    @BindToRegistry
    public LogSafe logSafe() {
        return new LogSafe();
    }

    @BindToRegistry
    public ApiHeaderFilter apiHeaderFilter() {
        return new ApiHeaderFilter();
    }
}
