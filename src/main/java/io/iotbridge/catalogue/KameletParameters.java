package io.iotbridge.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The parameters a Kamelet declares (spec.definition): which are required, their defaults and
 * allowed values. An entry read as data gets no Kamelet route, so its parameters are checked and
 * completed here, from the same file, as Camel would when it built the route.
 */
public final class KameletParameters {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<String> required;
    private final Map<String, String> defaults;
    private final Map<String, List<String>> allowed;

    private KameletParameters(List<String> required, Map<String, String> defaults, Map<String, List<String>> allowed) {
        this.required = required;
        this.defaults = defaults;
        this.allowed = allowed;
    }

    /** A Kamelet's declared parameters, with placeholders in defaults resolved. */
    static KameletParameters read(Path file, UnaryOperator<String> resolve) throws IOException {
        JsonNode definition = YAML.readTree(file.toFile()).path("spec").path("definition");
        List<String> required = new ArrayList<>();
        definition.path("required").forEach(n -> required.add(n.asText()));
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        definition.path("properties").fields().forEachRemaining(p -> {
            JsonNode value = p.getValue().get("default");
            if (value != null && !value.isNull()) {
                defaults.put(p.getKey(), resolve.apply(value.asText()));
            }
            if (p.getValue().has("enum")) {
                List<String> values = new ArrayList<>();
                p.getValue().get("enum").forEach(n -> values.add(n.asText()));
                allowed.put(p.getKey(), values);
            }
        });
        return new KameletParameters(List.copyOf(required), Map.copyOf(defaults), Map.copyOf(allowed));
    }

    Map<String, String> defaults() {
        return defaults;
    }

    /** What is wrong with the parameters an entry gives this Kamelet (defaults filled in). */
    List<String> problems(String kamelet, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            String value = given.get(name);
            if (value == null || value.isBlank()) {
                problems.add("missing parameter " + name + " of kamelet:" + kamelet);
            }
        }
        allowed.forEach((name, values) -> {
            String value = given.get(name);
            if (value != null && !values.contains(value)) {
                problems.add("parameter " + name + " of kamelet:" + kamelet + " is '" + value + "', not one of " + values);
            }
        });
        return problems;
    }

    /** The Kamelets of one folder, each read once (they change only with a new release of the bridge's routes). */
    static final class Folder {
        private final Supplier<Path> folder;
        private final UnaryOperator<String> resolve;
        private final Map<String, KameletParameters> read = new ConcurrentHashMap<>();

        /** @param folder where the Kamelets are, asked when first needed (properties may not be loaded before) */
        Folder(Supplier<Path> folder, UnaryOperator<String> resolve) {
            this.folder = folder;
            this.resolve = resolve;
        }

        boolean has(String kamelet) {
            return read.containsKey(kamelet) || Files.isRegularFile(folder.get().resolve(kamelet + ".kamelet.yaml"));
        }

        /** The named Kamelet's parameters; an unreadable Kamelet file fails with its path and reason. */
        KameletParameters of(String kamelet) {
            return read.computeIfAbsent(kamelet, k -> {
                Path file = folder.get().resolve(k + ".kamelet.yaml");
                try {
                    return read(file, resolve);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
