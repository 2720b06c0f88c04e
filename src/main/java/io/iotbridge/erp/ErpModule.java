package io.iotbridge.erp;

import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * An ERP module's registration: each module's configuration binds one, and the RabbitMQ
 * topology declares the queue {@code erp.<name>} for every enabled module it finds.
 *
 * @param valueLimit what the module's numeric document fields hold (null: any finite number)
 */
public record ErpModule(String name, boolean enabled, DecimalLimit valueLimit) {

    public ErpModule(String name, boolean enabled) {
        this(name, enabled, null);
    }

    public Optional<DecimalLimit> limit() {
        return Optional.ofNullable(valueLimit);
    }

    /**
     * The names of the enabled modules, sorted. Ask when needed, not at start: by then every
     * module's configuration has bound its ErpModule.
     */
    public static List<String> enabled(CamelContext context) {
        return context.getRegistry().findByType(ErpModule.class).stream()
                .filter(ErpModule::enabled).map(ErpModule::name).sorted().toList();
    }
}
