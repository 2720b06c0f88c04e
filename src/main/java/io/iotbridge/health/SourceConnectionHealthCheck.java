package io.iotbridge.health;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One source connection (an OPC UA server's session, an MQTT broker's connection) as a Camel
 * health check, {@code <kind>:<name>}: DOWN while it is not up, with its state as the message.
 * The sources' Camel consumers have no check of their own, and their routes stay Started while
 * the server or broker is away.
 *
 * <p>Readiness only: restarting the bridge does not bring a PLC or a broker back.
 */
public final class SourceConnectionHealthCheck extends AbstractHealthCheck {

    private final String detail;
    private final String name;
    private final BooleanSupplier up;
    private final Supplier<String> state;

    /**
     * @param kind   {@code opcua}, {@code mqtt}: the check's group and id prefix
     * @param detail the detail key naming the far end ({@code server}, {@code broker})
     * @param name   the far end, e.g. {@code plc-line1:4840/}
     */
    public SourceConnectionHealthCheck(String kind, String detail, String name, BooleanSupplier up, Supplier<String> state) {
        super(kind, kind + ":" + name);
        this.detail = detail;
        this.name = name;
        this.up = up;
        this.state = state;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail(detail, name);
        builder.message(state.get());
        if (up.getAsBoolean()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
