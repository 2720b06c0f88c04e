package io.iotbridge.catalogue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;

/**
 * {@code java -jar target/iot-erp-bridge.jar check routes/}: loads every route file under a
 * folder into a Camel context that is never started (no broker, no network), through the same
 * gate the running bridge uses, and prints one line per refusal and a summary.
 */
public final class CatalogueCommand {

    /** The base package Camel Main scans for configuration classes (each ERP module has one). */
    private static final String BASE_PACKAGE = "io.iotbridge";

    public record Result(int exitCode, List<String> lines) {
    }

    private CatalogueCommand() {
    }

    /** Runs the command as the jar does: {@code check <folder>}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        if (args.length != 2) {
            out.println("usage: java -jar iot-erp-bridge.jar check <routes folder>");
            return 2;
        }
        Result result = check(Path.of(args[1]));
        result.lines().forEach(out::println);
        return result.exitCode();
    }

    public static Result check(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new Result(2, List.of(folder + ": not a folder"));
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.build();
            bindModuleConfigurations(context);
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
            List<String> lines = new ArrayList<>();
            List<Refusal> refusals = gate.refusals();
            refusals.forEach(r -> lines.add(r.message()));
            lines.add(String.format("%d route files, %d sensor entries accepted, %d refused", files.size(),
                    gate.entries().size(), refusals.size()));
            return new Result(refusals.isEmpty() ? 0 : 1, lines);
        } catch (Exception e) {
            return new Result(2, List.of("check failed: " + Refusal.rootMessage(e)));
        }
    }

    /**
     * Finds the ERP modules the way the bridge does: Camel Main runs each configuration class of
     * the base package, and each ERP module's binds its {@code ErpModule}. Binding beans creates
     * objects only; nothing connects.
     */
    private static void bindModuleConfigurations(CamelContext context) throws Exception {
        CamelBeanPostProcessor post = PluginHelper.getBeanPostProcessor(context);
        List<Class<?>> pending = new ArrayList<>(
                PluginHelper.getPackageScanClassResolver(context).findAnnotated(Configuration.class, BASE_PACKAGE));
        // a module's beans may take the bridge's as parameters: retry what failed once the others are bound
        for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
            List<Class<?>> failed = new ArrayList<>();
            for (Class<?> type : pending) {
                try {
                    Object configuration = context.getInjector().newInstance(type);
                    post.postProcessBeforeInitialization(configuration, type.getName());
                    post.postProcessAfterInitialization(configuration, type.getName());
                } catch (Exception e) {
                    if (round == 1) {
                        throw e;
                    }
                    failed.add(type);
                }
            }
            pending = failed;
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
