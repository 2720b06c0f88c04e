package io.iotbridge.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.sandbox.SandboxConfiguration;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An ERP module's production code never refers to its sandbox (io.iotbridge.sandbox.*): the
 * sandboxes are bound from the sandbox side, so a module can ship, and be read, without them.
 * Read from the compiled classes, where every reference, imported or fully qualified, names the
 * class as {@code io/iotbridge/sandbox/...} in the constant pool.
 */
class ModulesStayApartFromSandboxesTest {

    private static final String SANDBOX_PACKAGE = "io/iotbridge/sandbox/";

    @Test
    void noClassUnderIoIotbridgeErpRefersToASandboxClass() throws Exception {
        Path erp = classesRoot().resolve("io/iotbridge/erp");
        List<Path> classes = classFiles(erp);

        assertThat(classes).as("compiled classes under " + erp).hasSizeGreaterThan(50);
        assertThat(classes.stream().filter(ModulesStayApartFromSandboxesTest::refersToSandbox)
                .map(c -> erp.relativize(c).toString()))
                .as("classes of the ERP modules that refer to io.iotbridge.sandbox")
                .isEmpty();
    }

    @Test
    void theCheckSeesAReferenceWhereOneIs() throws Exception {
        // the sandbox side's wiring refers to the sandboxes: the check must see that, or it sees nothing
        Path wiring = classesRoot().resolve(SandboxConfiguration.class.getName().replace('.', '/') + ".class");

        assertThat(refersToSandbox(wiring)).isTrue();
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(ErpModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static boolean refersToSandbox(Path classFile) {
        try {
            // class names in the constant pool are modified UTF-8; ASCII names read the same in ISO-8859-1
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(SANDBOX_PACKAGE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + classFile + ": " + e.getMessage(), e);
        }
    }
}
