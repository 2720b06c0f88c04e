package io.iotbridge.erp.sapb1;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The SAP B1 settings that must be right before any other is read: bridge.erp.sap-b1.url defaults to
 * the sandbox of the transport bridge.erp.sap-b1.transport names, so an unknown transport would
 * surface as a missing placeholder; and a site that still sets the retired
 * bridge.erp.sap-b1.service-layer.url would reach the sandbox instead of its Service Layer.
 */
public final class SapB1Settings {

    static final String TRANSPORT = "bridge.erp.sap-b1.transport";
    static final String RETIRED_SERVICE_LAYER_URL = "bridge.erp.sap-b1.service-layer.url";

    private SapB1Settings() {
    }

    /** One line per setting in the way; empty when the module is off or all is well. */
    public static List<String> findings(PropertiesComponent properties) {
        List<String> findings = new ArrayList<>();
        if (properties.resolveProperty(RETIRED_SERVICE_LAYER_URL).isPresent()) {
            findings.add(RETIRED_SERVICE_LAYER_URL + " is no longer read: the Service Layer's base URL goes into "
                    + "bridge.erp.sap-b1.url (BRIDGE_ERP_SAP_B1_URL), the endpoint of the transport in use");
        }
        if (Boolean.parseBoolean(properties.resolveProperty("bridge.erp.sap-b1.enabled").orElse("true").trim())) {
            String transport = properties.resolveProperty(TRANSPORT).orElse("").trim();
            if (!transport.equals(ServiceLayerTransport.NAME) && !transport.equals(DiServerTransport.NAME)) {
                // the value is a transport's name, never a secret, and the operator needs to see the typo
                findings.add(TRANSPORT + " is '" + transport + "': it must be " + ServiceLayerTransport.NAME + " or "
                        + DiServerTransport.NAME);
            }
        }
        return findings;
    }
}
