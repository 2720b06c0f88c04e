package io.iotbridge.catalogue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.util.URISupport;

/**
 * Reads a catalogue entry out of a loaded route: a route whose input is a
 * {@code kamelet:<x>-sensor-source} and which sends to {@code kamelet:reading-buffer-sink}.
 * YAML and XML routes look the same here, because both DSLs fold an endpoint's parameters
 * into its URI.
 */
public final class CatalogueEntries {

    static final String SOURCE_SUFFIX = "-sensor-source";
    static final String SINK = "reading-buffer-sink";

    private CatalogueEntries() {
    }

    /** The entry the route states, or empty when the route is not a sensor entry. */
    public static Optional<CatalogueEntry> fromRoute(RouteDefinition route, UnaryOperator<String> resolve) {
        return read(route, resolve).map(SensorEntry::entry);
    }

    /** The entry the route states with every parameter it gives, or empty when the route is not a sensor entry. */
    public static Optional<SensorEntry> read(RouteDefinition route, UnaryOperator<String> resolve) {
        if (route.getInput() == null) {
            return Optional.empty();
        }
        String from = route.getInput().getEndpointUri();
        if (from == null || !from.startsWith("kamelet:")) {
            return Optional.empty();
        }
        String kamelet = name(from);
        if (!kamelet.endsWith(SOURCE_SUFFIX)) {
            return Optional.empty();
        }
        Map<String, String> in = parameters(from, resolve);
        Map<String, String> out = findSink(route.getOutputs(), resolve).orElse(Map.of());

        String source = kamelet.substring(0, kamelet.length() - SOURCE_SUFFIX.length());
        Map<String, String> address = new LinkedHashMap<>();
        for (String key : new String[] {"server", "nodeId", "broker", "topic"}) {
            if (in.get(key) != null) {
                address.put(key, in.get(key));
            }
        }
        Integer sampling = null;
        if (in.get("samplingInterval") != null) {
            try {
                sampling = Integer.valueOf(in.get("samplingInterval"));
            } catch (NumberFormatException e) {
                // left out; the Kamelet refuses it when the route starts
            }
        }
        // an HTTP device posts its readings: the entry has no address of its own to read from
        CatalogueEntry entry = new CatalogueEntry(in.get("sensorId"), route.getId(), source,
                address.isEmpty() ? null : address, sampling,
                in.get("unit"), in.get("machineId"), out.get("erp"), out.get("kind"), out.get("field"),
                out.get("fieldUnit"), fileOf(route.getResource()));
        return Optional.of(new SensorEntry(entry, kamelet, in, out, plain(route)));
    }

    /**
     * Whether the route only sends its source's readings to the buffer sink, as catalogue entries
     * do: such an entry is data a shared consumer reads. A route with steps of its own (a filter,
     * a transformation) or that must not start by itself stays a route.
     */
    private static boolean plain(RouteDefinition route) {
        if ("false".equalsIgnoreCase(route.getAutoStartup())) {
            return false;
        }
        // the route configurations' onException clauses are merged into every route's outputs
        // before the gate sees it (abstract: they are no steps); the buffer route has them too
        List<ProcessorDefinition<?>> steps = route.getOutputs().stream().filter(o -> !o.isAbstract()).toList();
        return steps.size() == 1 && steps.get(0) instanceof SendDefinition<?> send && send.getEndpointUri() != null
                && send.getEndpointUri().startsWith("kamelet:") && name(send.getEndpointUri()).equals(SINK);
    }

    /** The route file's name as people read it: relative to the working directory when it is below it. */
    public static String fileOf(Resource resource) {
        if (resource == null || resource.getLocation() == null) {
            return "(unknown file)";
        }
        String location = resource.getLocation();
        if (!location.startsWith("file:")) {
            return location;
        }
        Path path = Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    private static Optional<Map<String, String>> findSink(Iterable<ProcessorDefinition<?>> outputs, UnaryOperator<String> resolve) {
        for (ProcessorDefinition<?> node : outputs) {
            if (node instanceof SendDefinition<?> send && send.getEndpointUri() != null
                    && send.getEndpointUri().startsWith("kamelet:") && name(send.getEndpointUri()).equals(SINK)) {
                return Optional.of(parameters(send.getEndpointUri(), resolve));
            }
            Optional<Map<String, String>> nested = findSink(node.getOutputs(), resolve);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    private static String name(String kameletUri) {
        String rest = kameletUri.substring("kamelet:".length());
        int q = rest.indexOf('?');
        String name = q < 0 ? rest : rest.substring(0, q);
        // kamelet:name/routeId names the Kamelet route; only the Kamelet's name matters here
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    private static Map<String, String> parameters(String uri, UnaryOperator<String> resolve) {
        int q = uri.indexOf('?');
        Map<String, String> result = new LinkedHashMap<>();
        if (q < 0) {
            return result;
        }
        try {
            URISupport.parseQuery(uri.substring(q + 1), true).forEach((k, v) -> {
                String text = v == null ? null : unraw(v.toString());
                result.put(k, text == null || text.isBlank() ? null : resolve.apply(text));
            });
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the parameters of " + URISupport.sanitizeUri(uri) + ": " + e.getMessage(), e);
        }
        return result;
    }

    private static String unraw(String value) {
        if ((value.startsWith("RAW(") || value.startsWith("RAW{")) && value.length() > 5) {
            return value.substring(4, value.length() - 1);
        }
        return value;
    }
}
