package io.iotbridge.erp;

import java.util.Optional;

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
}
