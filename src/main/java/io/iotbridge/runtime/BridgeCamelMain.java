package io.iotbridge.runtime;

import io.iotbridge.embedded.EmbeddedServices;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.util.OrderedLocationProperties;

/**
 * Camel Main as the bridge needs it with thousands of catalogue routes (bench/README.md, "Where
 * the cost goes"): a {@link ScalableCamelContext}, and without the developer aids Camel switches
 * on for a profile named {@code dev}, which is the bridge's default profile (embedded services,
 * short meter windows) and what operators run first. Camel's dev mode keeps every start-up step
 * in memory (about 270,000 with 2,000 sensors), and adds message history, a standby tracer and
 * runtime statistics to every step of every route; none of them can be turned off with
 * properties, since Camel applies the profile after reading them.
 */
public final class BridgeCamelMain extends Main {

    public BridgeCamelMain(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    protected CamelContext createCamelContext() {
        // as Main's own, on a context that stays fast with thousands of routes
        ScalableCamelContext context = new ScalableCamelContext();
        context.getCamelContextExtension().setRegistry(registry);
        context.getGlobalOptions().put("CamelMainClass", mainClass.getName());
        return context;
    }

    @Override
    protected void postProcessCamelContext(CamelContext context) throws Exception {
        try {
            super.postProcessCamelContext(context);
        } catch (Exception e) {
            // the embedded brokers start early (EmbeddedServices.beforeConfigure); a start that fails
            // before the context runs gets no afterStop, and their threads would keep the JVM alive
            for (MainListener listener : getMainListeners()) {
                if (listener instanceof EmbeddedServices embedded) {
                    embedded.afterStop(this);
                }
            }
            throw e;
        }
    }

    @Override
    protected void doConfigureCamelContextFromMainConfiguration(CamelContext context, MainConfigurationProperties config,
            OrderedLocationProperties autoConfiguredProperties) throws Exception {
        config.setStartupRecorder("false");
        config.setMessageHistory(false);
        config.setSourceLocationEnabled(false);
        config.setLoadStatisticsEnabled(false);
        config.setEndpointRuntimeStatisticsEnabled(false);
        config.tracerConfig().setStandby(false);
        super.doConfigureCamelContextFromMainConfiguration(context, config, autoConfiguredProperties);
    }
}
