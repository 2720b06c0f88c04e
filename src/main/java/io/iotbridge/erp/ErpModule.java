package io.iotbridge.erp;

/**
 * An ERP module's registration: each module's configuration binds one, and the RabbitMQ
 * topology declares the queue {@code erp.<name>} for every enabled module it finds.
 */
public record ErpModule(String name, boolean enabled) {
}
