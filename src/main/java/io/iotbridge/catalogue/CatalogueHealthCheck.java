package io.iotbridge.catalogue;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code catalogue}: DOWN while a route file or a catalogue entry is refused, naming them, so a
 * broken edit that left a file's last good version running (or an entry not running at all) shows
 * in {@code /observe/health} and not only in the log.
 *
 * <p>Neither readiness nor liveness: every other sensor still runs, so an orchestrator should
 * neither stop sending requests to the bridge nor restart it (a restart would refuse the same file).
 */
final class CatalogueHealthCheck extends AbstractHealthCheck {

    /** Refusals named in the message; GET /api/v1/sensors/refused lists them all. */
    private static final int NAMED = 3;

    private final CatalogueGate gate;

    CatalogueHealthCheck(CatalogueGate gate) {
        super("catalogue", "catalogue");
        this.gate = gate;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<Refusal> refusals = gate.refusals();
        builder.detail("entries", gate.entries().size());
        builder.detail("refused", refusals.size());
        // of those, the edits whose version before still runs: the rest run nothing
        builder.detail("lastGoodVersionRunning", refusals.stream().filter(Refusal::lastGoodVersionRuns).count());
        if (refusals.isEmpty()) {
            builder.message("every route file and catalogue entry is loaded");
            builder.up();
            return;
        }
        List<String> named = refusals.stream().limit(NAMED).map(Refusal::message).toList();
        // Camel writes the message into its JSON answer as it is: no double quotes or backslashes
        builder.message((refusals.size() + " refused (GET /api/v1/sensors/refused lists them): " + String.join(" | ", named)
                + (refusals.size() > NAMED ? " | ..." : "")).replace('"', '\'').replace('\\', '/'));
        builder.down();
    }
}
