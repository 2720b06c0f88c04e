package io.iotbridge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live reload asks before it touches a running file: does the new version read as routes?
 * Against Camel's own YAML DSL loader, with the shipped presses file and copies broken by one space.
 */
class RouteFileSyntaxTest {

    private static final Path PRESSES = Path.of("routes/sensors/line1-presses.camel.yaml");

    @TempDir
    Path temp;

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void aFileThatReadsAsRoutesGivesThemAndAddsNothing() throws Exception {
        assertThat(RouteFileSyntax.require(context, resource(Files.readString(PRESSES))))
                .extracting(RouteDefinition::getId).contains("opcua-line1-press07-temperature", "opcua-line1-press07-vibration");
        assertThat(context.getRouteDefinitions()).isEmpty();
    }

    @Test
    void oneSpaceOutOfPlaceIsRefusedWithTheParsersReason() throws Exception {
        String text = Files.readString(PRESSES);

        assertThatThrownBy(() -> RouteFileSyntax.require(context,
                resource(text.replaceFirst("\n        samplingInterval: 1000", "\n         samplingInterval: 1000"))))
                .hasStackTraceContaining("line 13");
        assertThatThrownBy(() -> RouteFileSyntax.require(context,
                resource(text.replaceFirst("\n      steps:", "\n     steps:"))))
                .hasStackTraceContaining("line 17");
        assertThat(context.getRouteDefinitions()).isEmpty();
    }

    @Test
    void aKeyTheDslDoesNotKnowIsRefused() throws Exception {
        String text = Files.readString(PRESSES).replaceFirst("\n      steps:", "\n      step:");

        assertThatThrownBy(() -> RouteFileSyntax.require(context, resource(text))).hasStackTraceContaining("step");
    }

    private Resource resource(String text) throws Exception {
        Path file = temp.resolve("line1-presses.camel.yaml");
        Files.writeString(file, text);
        return ResourceHelper.resolveMandatoryResource(context, "file:" + file);
    }
}
