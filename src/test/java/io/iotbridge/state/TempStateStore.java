package io.iotbridge.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A state store in a folder of its own for each test, closed after it ({@code @RegisterExtension}). */
public final class TempStateStore implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private StateStore store;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("iot-erp-bridge-state");
        store = StateStore.open(dir.resolve("erp-state.mv.db"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
    }

    public StateStore store() {
        return store;
    }

    /** Where files of the earlier version would be. */
    public Path dir() {
        return dir;
    }
}
