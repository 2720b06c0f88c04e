package io.iotbridge.catalogue;

import io.iotbridge.erp.ErpModule;
import io.iotbridge.units.UcumUnits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The catalogue's rules, the same at start, on a live reload and in the offline
 * {@code check} command: every field present, units known and convertible to the ERP field's
 * unit, sensor ids unique across all files, and the ERP an enabled module of this build.
 */
public final class CatalogueCheck {

    /** An HTTP entry's sensor id names its endpoint (direct:http-sensor-<id>): no URI syntax in it. */
    private static final Pattern HTTP_SENSOR_ID = Pattern.compile("[A-Za-z0-9._-]+");
    /**
     * Longest sensor id and machine id, in UTF-8 bytes (the 200 characters of
     * schemas/reading.schema.json, which allows ASCII sensor ids only): a reading's id
     * {@code <sensorId>:<epoch ms>:<seq>} is its AMQP message id and {@code <erp>.<kind>.<machineId>}
     * its routing key, each at most 255 bytes. Longer, every publish of the entry fails, and a
     * source that waits for the broker (MQTT, OPC UA) would retry it without end.
     */
    static final int MAX_ID_BYTES = 200;

    private final Supplier<? extends Collection<ErpModule>> erpModules;

    /** @param erpModules the ERP modules of the build, looked up at each check (modules bind them as beans) */
    public CatalogueCheck(Supplier<? extends Collection<ErpModule>> erpModules) {
        this.erpModules = erpModules;
    }

    /**
     * What is wrong with {@code entry}, given the entries already accepted; empty when it may run.
     * An accepted entry with the same route id from the same file is the one being replaced.
     */
    public List<String> problems(CatalogueEntry entry, Collection<CatalogueEntry> accepted) {
        List<String> problems = new ArrayList<>();
        if (entry.routeId() == null || entry.routeId().isBlank()) {
            problems.add("the route has no id (live reload finds an entry by its route id)");
        }
        missing(problems, "sensorId", entry.sensorId());
        tooLong(problems, "sensorId", entry.sensorId());
        if ("http".equals(entry.source()) && entry.sensorId() != null && !entry.sensorId().isBlank()
                && !HTTP_SENSOR_ID.matcher(entry.sensorId()).matches()) {
            problems.add("sensor id '" + entry.sensorId() + "' of an HTTP device may hold only letters, digits,"
                    + " '.', '_' and '-' (it names the entry's endpoint)");
        }
        missing(problems, "machineId", entry.machineId());
        tooLong(problems, "machineId", entry.machineId());
        boolean unitKnown = unit(problems, "unit", entry.unit());
        if (entry.erp() == null && entry.kind() == null && entry.field() == null && entry.fieldUnit() == null) {
            problems.add("it sends to no kamelet:" + CatalogueEntries.SINK);
            return problems;
        }
        missing(problems, "erp", entry.erp());
        missing(problems, "kind", entry.kind());
        missing(problems, "field", entry.field());
        boolean fieldUnitKnown = unit(problems, "fieldUnit", entry.fieldUnit());
        if (unitKnown && fieldUnitKnown && !UcumUnits.convertible(entry.unit(), entry.fieldUnit())) {
            problems.add("unit '" + entry.unit() + "' of sensor " + entry.sensorId() + " does not convert to unit '"
                    + entry.fieldUnit() + "' of ERP field " + entry.field());
        }
        if (entry.erp() != null) {
            erp(problems, entry.erp());
        }
        for (CatalogueEntry other : accepted) {
            boolean replaced = Objects.equals(other.routeId(), entry.routeId()) && other.file().equals(entry.file());
            if (replaced) {
                continue;
            }
            if (entry.sensorId() != null && entry.sensorId().equals(other.sensorId())) {
                problems.add("sensor id " + entry.sensorId() + " is already used by route " + other.routeId()
                        + " in " + other.file());
            } else if (Objects.equals(other.routeId(), entry.routeId())) {
                problems.add("route id " + entry.routeId() + " is already used in " + other.file());
            }
        }
        return problems;
    }

    private void erp(List<String> problems, String erp) {
        Collection<ErpModule> modules = erpModules.get();
        ErpModule module = modules.stream().filter(m -> m.name().equals(erp)).findFirst().orElse(null);
        if (module == null) {
            problems.add("unknown ERP '" + erp + "' (modules in this build: "
                    + String.join(", ", modules.stream().map(ErpModule::name).sorted().toList()) + ")");
        } else if (!module.enabled()) {
            problems.add("ERP module '" + erp + "' is disabled (bridge.erp." + erp + ".enabled=false)");
        }
    }

    private static void missing(List<String> problems, String parameter, String value) {
        if (value == null || value.isBlank()) {
            problems.add("missing parameter " + parameter);
        }
    }

    private static void tooLong(List<String> problems, String parameter, String value) {
        int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ID_BYTES) {
            problems.add(parameter + " is " + bytes + " bytes long (UTF-8); at most " + MAX_ID_BYTES
                    + ", as it goes into the AMQP message id or routing key (255 bytes)");
        }
    }

    private static boolean unit(List<String> problems, String parameter, String code) {
        if (code == null || code.isBlank()) {
            problems.add("missing parameter " + parameter);
            return false;
        }
        if (!UcumUnits.isKnown(code)) {
            problems.add("unknown " + ("unit".equals(parameter) ? "unit" : "field unit") + " '" + code + "' (not a UCUM code)");
            return false;
        }
        return true;
    }
}
