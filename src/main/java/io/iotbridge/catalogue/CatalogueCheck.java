package io.iotbridge.catalogue;

import io.iotbridge.alert.AlertRule;
import io.iotbridge.erp.ErpModule;
import io.iotbridge.units.UcumUnits;
import java.nio.charset.StandardCharsets;
import io.iotbridge.units.UnitSpellings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The catalogue's rules, the same at start, on a live reload and in the offline {@code check}
 * command. An entry's parameters are checked against what its Kamelets declare (names, required,
 * types, allowed values, the kinds a parameter applies to: {@link KameletParameters}); beside
 * that, units known and convertible to the ERP field's unit, an alert's thresholds
 * ({@link AlertRule#problems}), sensor ids unique across all files, and the ERP an enabled module
 * of this build. Every problem of an entry is reported, not only the first.
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
    private final KameletParameters.Folder kamelets;

    /**
     * @param erpModules the ERP modules of the build, looked up at each check (modules bind them as beans)
     * @param kamelets   the Kamelets the entries use, whose declared parameters are the rules for theirs
     */
    public CatalogueCheck(Supplier<? extends Collection<ErpModule>> erpModules, KameletParameters.Folder kamelets) {
        this.erpModules = erpModules;
        this.kamelets = kamelets;
    }

    /**
     * What is wrong with {@code sensor}, given the entries already accepted; empty when it may run.
     * An accepted entry with the same route id from the same file is the one being replaced.
     */
    public List<String> problems(SensorEntry sensor, Collection<CatalogueEntry> accepted) {
        CatalogueEntry entry = sensor.entry();
        List<String> problems = new ArrayList<>();
        if (entry.routeId() == null || entry.routeId().isBlank()) {
            problems.add("the route has no id (live reload finds an entry by its route id)");
        }
        kameletProblems(problems, sensor.kamelet(), sensor.source());
        tooLong(problems, "sensorId", entry.sensorId());
        if ("http".equals(entry.source()) && entry.sensorId() != null && !entry.sensorId().isBlank()
                && !HTTP_SENSOR_ID.matcher(entry.sensorId()).matches()) {
            problems.add("sensor id '" + entry.sensorId() + "' of an HTTP device may hold only letters, digits,"
                    + " '.', '_' and '-' (it names the entry's endpoint)");
        }
        tooLong(problems, "machineId", entry.machineId());
        boolean unitKnown = unit(problems, "unit", sensor.kamelet(), entry.unit());
        if (entry.erp() == null && entry.kind() == null && entry.field() == null && entry.fieldUnit() == null) {
            problems.add("it sends to no kamelet:" + CatalogueEntries.SINK);
            return problems;
        }
        kameletProblems(problems, CatalogueEntries.SINK, sensor.sink());
        boolean fieldUnitKnown = unit(problems, "fieldUnit", CatalogueEntries.SINK, entry.fieldUnit());
        if (unitKnown && fieldUnitKnown && !UcumUnits.convertible(entry.unit(), entry.fieldUnit())) {
            problems.add("unit '" + entry.unit() + "' of sensor " + entry.sensorId() + " does not convert to unit '"
                    + entry.fieldUnit() + "' of ERP field " + entry.field());
        }
        if ("alert".equals(entry.kind())) {
            alert(problems, sensor);
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

    /**
     * The entry as an entry read as data is run: with its Kamelets' defaults where it gives no
     * value, and the headers their templates set.
     */
    public SensorEntry completed(SensorEntry sensor) {
        KameletParameters source = kamelets.of(sensor.kamelet());
        KameletParameters sink = kamelets.of(CatalogueEntries.SINK);
        SensorEntry completed = sensor.withDefaults(source.defaults(), sink.defaults());
        Map<String, String> headers = new LinkedHashMap<>(source.headers(completed.source()));
        headers.putAll(sink.headers(completed.sink()));
        return completed.withHeaders(headers);
    }

    /** An alert's thresholds, which no declaration can state (one of two given, one below the other). */
    private void alert(List<String> problems, SensorEntry sensor) {
        Map<String, String> sink;
        try {
            sink = completed(sensor).sink();
        } catch (IllegalArgumentException e) {
            // a Kamelet that cannot be read: already reported
            return;
        }
        AlertRule.problems(sink.get("alertAbove"), sink.get("alertBelow"), sink.get("hysteresis"), sink.get("coolDown"),
                        sink.get("predictLead"), sink.get("predictWindow"))
                .forEach(p -> problems.add(p + " (kamelet:" + CatalogueEntries.SINK + ")"));
    }

    private void kameletProblems(List<String> problems, String kamelet, Map<String, String> given) {
        try {
            problems.addAll(kamelets.of(kamelet).problems(kamelet, given));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private void erp(List<String> problems, String erp) {
        Collection<ErpModule> modules = erpModules.get();
        ErpModule module = modules.stream().filter(m -> m.name().equals(erp)).findFirst().orElse(null);
        if (module == null) {
            List<String> names = modules.stream().map(ErpModule::name).sorted().toList();
            problems.add("unknown ERP '" + erp + "' (modules in this build: " + String.join(", ", names) + ")"
                    + Suggestions.didYouMean(erp, names));
        } else if (!module.enabled()) {
            problems.add("ERP module '" + erp + "' is disabled (bridge.erp." + erp + ".enabled=false)");
        }
    }

    private static void tooLong(List<String> problems, String parameter, String value) {
        int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ID_BYTES) {
            problems.add(parameter + " is " + bytes + " bytes long (UTF-8); at most " + MAX_ID_BYTES
                    + ", as it goes into the AMQP message id or routing key (255 bytes)");
        }
    }

    /** Whether the code is a known unit; a missing one is reported as its Kamelet requires it. */
    private static boolean unit(List<String> problems, String parameter, String kamelet, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        if (!UcumUnits.isKnown(code)) {
            problems.add("parameter " + parameter + " of kamelet:" + kamelet + " is '" + code + "', not a UCUM code"
                    + UnitSpellings.suggest(code).map(c -> " (did you mean " + c + "?)").orElse(""));
            return false;
        }
        return true;
    }
}
