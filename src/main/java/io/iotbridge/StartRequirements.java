package io.iotbridge;

import io.iotbridge.buffer.ErpPartitions;
import io.iotbridge.erp.sapb1.SapB1Settings;
import io.iotbridge.tls.TlsRequirement;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Runs before anything is configured: SAP B1's transport and retired keys ({@link SapB1Settings}),
 * then under the {@code prod} profile every site setting still at
 * the demo's value ({@link DemoDefaults}), and under {@code bridge.tls.required} every address in
 * clear ({@link TlsRequirement}), and ERP partitions on a broker that cannot have them ({@link ErpPartitions}), stop the start with one message that lists them all, so an
 * operator fixes the environment once instead of once per attempt.
 */
public class StartRequirements extends MainListenerSupport {

    /** A start refused for its settings: the message says it all, a stack trace would add nothing. */
    public static final class StartRefusedException extends IllegalStateException {
        StartRefusedException(String message) {
            super(message);
        }
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        // first, on their own: the checks below resolve bridge.erp.sap-b1.url through the transport
        refuseIfAny(SapB1Settings.findings(properties));
        List<String> findings = new ArrayList<>();
        if ("prod".equals(properties.resolveProperty("camel.main.profile").orElse(""))) {
            findings.addAll(DemoDefaults.findings(properties));
        }
        findings.addAll(TlsRequirement.refusals(properties));
        ErpPartitions.refusal(properties).ifPresent(findings::add);
        refuseIfAny(findings);
        // {{erp-queues:<erp>}} in the ERP consumers' route template: their queue or partition queues
        properties.addPropertiesFunction(ErpPartitions.of(properties));
    }

    private static void refuseIfAny(List<String> findings) {
        if (!findings.isEmpty()) {
            throw new StartRefusedException("the bridge does not start until these are set for this site:\n  "
                    + String.join("\n  ", findings));
        }
    }
}
