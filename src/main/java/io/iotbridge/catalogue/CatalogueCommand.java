package io.iotbridge.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotbridge.erp.ErpModule;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.CamelPostProcessorHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;

/**
 * {@code java -jar target/iot-erp-bridge.jar check [--format json] routes/}: loads every route file
 * under a folder into a Camel context that is never started (no broker, no network), through the
 * same gate the running bridge uses, and prints its findings on standard output and nothing else:
 * one line per reason ({@code <file>:<line>: route <id> (sensor <id>): <reason>}) and a summary,
 * or one JSON document for a plant's CI. The log goes to standard error ({@code BridgeMain}).
 */
public final class CatalogueCommand {

    /** The base package Camel Main scans for configuration classes (each ERP module has one). */
    private static final String BASE_PACKAGE = "io.iotbridge";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = "usage: java -jar iot-erp-bridge.jar check [--format text|json] <routes folder>";

    /**
     * What the check found.
     *
     * @param failure why the check itself could not run (exit code 2); null when it ran
     */
    public record Result(int exitCode, int files, int accepted, List<Refusal> refusals, String failure) {

        static Result failed(String failure) {
            return new Result(2, 0, 0, List.of(), failure);
        }

        /** The text output: one line per reason of every refusal, then the summary. */
        public List<String> lines() {
            if (failure != null) {
                return List.of(failure);
            }
            List<String> lines = new ArrayList<>();
            refusals.forEach(r -> lines.addAll(r.findings()));
            lines.add(String.format("%d route files, %d sensor entries accepted, %d refused", files, accepted, refusals.size()));
            return lines;
        }

        /** The JSON output: the counts and one finding per reason, each with file, line, entry and reason. */
        public String json() {
            ObjectNode root = JSON.createObjectNode();
            if (failure != null) {
                root.put("failure", failure);
                return root.toString();
            }
            root.put("files", files).put("accepted", accepted).put("refused", refusals.size());
            ArrayNode findings = root.putArray("findings");
            for (Refusal refusal : refusals) {
                for (String reason : refusal.reasons()) {
                    ObjectNode finding = findings.addObject().put("file", refusal.file());
                    if (refusal.line() != null) {
                        finding.put("line", refusal.line());
                    }
                    finding.put("routeId", refusal.routeId()).put("sensorId", refusal.sensorId()).put("reason", reason);
                }
            }
            return root.toString();
        }
    }

    private CatalogueCommand() {
    }

    /** Runs the command as the jar does: {@code check [--format text|json] <folder>}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        boolean json = args.length == 4 && args[1].equals("--format") && args[2].equals("json");
        boolean text = args.length == 2 || args.length == 4 && args[1].equals("--format") && args[2].equals("text");
        if (!json && !text) {
            out.println(USAGE);
            return 2;
        }
        Result result = check(Path.of(args[args.length - 1]));
        if (json) {
            out.println(result.json());
        } else {
            result.lines().forEach(out::println);
        }
        return result.exitCode();
    }

    public static Result check(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Result.failed(folder + ": not a folder");
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.build();
            bindErpModules(context);
            // nothing is read offline: every entry is only checked, the same way
            CatalogueGate gate = CatalogueWiring.install(context, () -> folder.resolve("kamelets"), source -> Optional.empty());
            // the bridge's own route templates (the ERP consumer), which the module files instantiate
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getPackageScanResourceResolver(context)
                    .findResources("classpath:camel/*.camel.yaml"));
            List<Path> files = routeFiles(folder);
            for (Path file : files) {
                try {
                    Resource resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file);
                    XmlRouteFile.requireDocument(resource);
                    PluginHelper.getRoutesLoader(context).loadRoutes(resource);
                } catch (Exception e) {
                    gate.refuseFile(CatalogueEntries.fileOf(ResourceHelper.fromString("file:" + file, "")), e);
                }
            }
            List<Refusal> refusals = gate.refusals();
            return new Result(refusals.isEmpty() ? 0 : 1, files.size(), gate.entries().size(), refusals, null);
        } catch (Exception e) {
            return Result.failed("check failed: " + Refusal.rootMessage(e));
        }
    }

    /**
     * Binds the ERP modules of the build as the bridge finds them: the {@code ErpModule} that each
     * configuration class of the base package binds (a {@code @BindToRegistry} method without
     * parameters), with the class's {@code @PropertyInject} fields set first. Nothing else of the
     * configuration runs: the check connects to nothing and writes nothing (no state store, no
     * first API key, no OPC UA certificate).
     */
    private static void bindErpModules(CamelContext context) throws Exception {
        CamelPostProcessorHelper properties = new CamelPostProcessorHelper(context);
        for (Class<?> type : PluginHelper.getPackageScanClassResolver(context).findAnnotated(Configuration.class, BASE_PACKAGE)) {
            List<Method> modules = Arrays.stream(type.getMethods())
                    .filter(m -> m.isAnnotationPresent(BindToRegistry.class) && m.getReturnType() == ErpModule.class
                            && m.getParameterCount() == 0)
                    .toList();
            if (modules.isEmpty()) {
                continue;
            }
            Object configuration = type.getDeclaredConstructor().newInstance();
            for (Field field : type.getDeclaredFields()) {
                PropertyInject inject = field.getAnnotation(PropertyInject.class);
                if (inject != null) {
                    field.setAccessible(true);
                    field.set(configuration, properties.getInjectionPropertyValue(field.getType(), field.getGenericType(),
                            inject.value(), inject.defaultValue(), inject.separator()));
                }
            }
            for (Method method : modules) {
                String name = method.getAnnotation(BindToRegistry.class).value();
                context.getRegistry().bind(name.isEmpty() ? method.getName() : name, method.invoke(configuration));
            }
        }
    }

    private static List<Path> routeFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".camel.yaml") || p.getFileName().toString().endsWith(".camel.xml"))
                    .sorted().toList();
        }
    }
}
