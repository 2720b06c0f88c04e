package io.iotbridge.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.component.kamelet.KameletEndpointUriFactory;

/**
 * The parameters a Kamelet declares (spec.definition): their names, which are required, their
 * defaults, types, allowed values and forms, and the document kinds a parameter applies to. These are
 * the catalogue's rules for an entry's parameters, the same for an entry read as data (which gets
 * no Kamelet route, so it is completed here with the defaults, as Camel would) and for one that is
 * a route (Camel itself checks neither names, types nor allowed values). Also the headers its
 * template sets from them ({@code setHeader} with a {@code constant}), which an entry read as data
 * carries as the Kamelet route would set them.
 */
public final class KameletParameters {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A property's {@code x-descriptors} entry naming a document kind it applies to (alert, counter). */
    private static final String KIND_DESCRIPTOR = "urn:iotbridge:kind:";
    /** The sink parameter those descriptors refer to. */
    private static final String KIND = "kind";
    /** Options of the kamelet endpoint itself (timeout, routeId ...), which an entry may give besides the parameters. */
    private static final Set<String> ENDPOINT_OPTIONS = new KameletEndpointUriFactory().propertyNames();

    /**
     * @param kinds   the document kinds the parameter applies to; empty: every kind
     * @param pattern the form of its values (JSON Schema: found anywhere in the value, so
     *                Kamelets anchor theirs); null for any
     * @param example a value, for a message
     */
    private record Parameter(String type, List<String> allowed, List<String> kinds, Pattern pattern, String example) {
    }

    /** A parameter in a template's text: {@code {{field}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");

    private final List<String> required;
    private final Map<String, String> defaults;
    private final Map<String, Parameter> declared;
    /** The template's headers by name, each with its text as written ({@code {{field}}}, {@code opcua}). */
    private final Map<String, String> headers;

    private KameletParameters(List<String> required, Map<String, String> defaults, Map<String, Parameter> declared,
                              Map<String, String> headers) {
        this.required = required;
        this.defaults = defaults;
        this.declared = declared;
        this.headers = headers;
    }

    /** A Kamelet's declared parameters, with placeholders in defaults resolved. */
    static KameletParameters read(Path file, UnaryOperator<String> resolve) throws IOException {
        JsonNode spec = YAML.readTree(file.toFile()).path("spec");
        JsonNode definition = spec.path("definition");
        List<String> required = new ArrayList<>();
        definition.path("required").forEach(n -> required.add(n.asText()));
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        definition.path("properties").fields().forEachRemaining(p -> {
            JsonNode value = p.getValue().get("default");
            if (value != null && !value.isNull()) {
                defaults.put(p.getKey(), resolve.apply(value.asText()));
            }
            List<String> allowed = new ArrayList<>();
            p.getValue().path("enum").forEach(n -> allowed.add(n.asText()));
            List<String> kinds = new ArrayList<>();
            p.getValue().path("x-descriptors").forEach(n -> {
                if (n.asText().startsWith(KIND_DESCRIPTOR)) {
                    kinds.add(n.asText().substring(KIND_DESCRIPTOR.length()));
                }
            });
            JsonNode pattern = p.getValue().get("pattern");
            JsonNode example = p.getValue().get("example");
            declared.put(p.getKey(), new Parameter(p.getValue().path("type").asText("string"), List.copyOf(allowed),
                    List.copyOf(kinds), pattern == null ? null : Pattern.compile(pattern.asText()),
                    example == null ? null : example.asText()));
        });
        Map<String, String> headers = new LinkedHashMap<>();
        spec.path("template").path("from").path("steps").forEach(step -> {
            JsonNode header = step.path("setHeader");
            if (header.has("name") && header.has("constant")) {
                headers.put(header.get("name").asText(), header.get("constant").asText());
            }
        });
        return new KameletParameters(List.copyOf(required), Map.copyOf(defaults), Collections.unmodifiableMap(declared),
                Collections.unmodifiableMap(headers));
    }

    Map<String, String> defaults() {
        return defaults;
    }

    /** The headers the template sets, with the entry's parameters (defaults filled in) in place of theirs. */
    Map<String, String> headers(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        headers.forEach((name, text) -> values.put(name, PLACEHOLDER.matcher(text).replaceAll(
                m -> Matcher.quoteReplacement(parameters.getOrDefault(m.group(1).strip(), m.group())))));
        return values;
    }

    /** Every problem of the parameters an entry gives this Kamelet (as written: defaults are filled in here). */
    List<String> problems(String kamelet, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        String of = " of kamelet:" + kamelet;
        given.keySet().stream().filter(name -> !declared.containsKey(name) && !ENDPOINT_OPTIONS.contains(name))
                .forEach(name -> problems.add("unknown parameter " + name + of
                        + Suggestions.didYouMean(name, declared.keySet())));
        Map<String, String> all = new LinkedHashMap<>(defaults);
        given.forEach((name, value) -> {
            if (value != null) {
                all.put(name, value);
            }
        });
        for (String name : required) {
            if (blank(all.get(name))) {
                problems.add("missing parameter " + name + of);
            }
        }
        String kind = all.get(KIND);
        boolean kindKnown = declared.containsKey(KIND) && declared.get(KIND).allowed().contains(kind);
        declared.forEach((name, parameter) -> {
            String value = all.get(name);
            // blank is "not set"; a placeholder that did not resolve is Camel's to report when the route starts
            if (blank(value) || value.contains("{{")) {
                return;
            }
            if (!parameter.allowed().isEmpty() && !parameter.allowed().contains(value)) {
                problems.add("parameter " + name + of + " is '" + value + "', not one of " + parameter.allowed()
                        + Suggestions.didYouMean(value, parameter.allowed()));
            }
            typeProblem(parameter.type(), value).ifPresent(p -> problems.add("parameter " + name + of + " is '" + value + "', " + p));
            if (parameter.pattern() != null && !parameter.pattern().matcher(value).find()) {
                problems.add("parameter " + name + of + " is '" + value + "', not of the form it takes"
                        + (parameter.example() == null ? "" : " (e.g. " + parameter.example() + ")"));
            }
            // given for a kind it does not apply to: the entry is likely of the wrong kind, and the value would be ignored
            if (kindKnown && !parameter.kinds().isEmpty() && !parameter.kinds().contains(kind) && !blank(given.get(name))) {
                problems.add("parameter " + name + of + " applies to kind " + String.join(" or ", parameter.kinds())
                        + " only, not to kind " + kind);
            }
        });
        return problems;
    }

    private static Optional<String> typeProblem(String type, String value) {
        try {
            switch (type) {
                case "integer" -> Long.parseLong(value.strip());
                case "number" -> Double.parseDouble(value.strip());
                case "boolean" -> {
                    if (!value.strip().equalsIgnoreCase("true") && !value.strip().equalsIgnoreCase("false")) {
                        return Optional.of("not true or false");
                    }
                }
                default -> {
                    // a string: any text
                }
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("integer".equals(type) ? "not a whole number" : "not a number");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
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
