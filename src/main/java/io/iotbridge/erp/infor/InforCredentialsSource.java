package io.iotbridge.erp.infor;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where the module's .ionapi credentials come from, resolved once: the file
 * bridge.erp.infor.ionapi-file when set; else, with the sandbox on, the sandbox's own
 * (sandbox-only) credentials; else a clear error at the first delivery. bridge.erp.infor.url,
 * when set, replaces the file's iu.
 */
final class InforCredentialsSource implements Supplier<IonApiCredentials> {

    private final String ionApiFile;
    private final Supplier<IonApiCredentials> sandbox;
    private final String urlOverride;
    private volatile IonApiCredentials resolved;

    /** @param sandbox the sandbox's credentials, or null when the sandbox is off */
    InforCredentialsSource(String ionApiFile, Supplier<IonApiCredentials> sandbox, String urlOverride) {
        this.ionApiFile = ionApiFile == null ? "" : ionApiFile.trim();
        this.sandbox = sandbox;
        this.urlOverride = urlOverride == null ? "" : urlOverride.trim();
    }

    /** Whether the sandbox's credentials are in use. */
    boolean usesSandbox() {
        return ionApiFile.isEmpty() && sandbox != null;
    }

    @Override
    public IonApiCredentials get() {
        IonApiCredentials c = resolved;
        if (c == null) {
            synchronized (this) {
                c = resolved;
                if (c == null) {
                    c = load();
                    if (!urlOverride.isEmpty()) {
                        c = c.withIonApiUrl(urlOverride);
                    }
                    resolved = c;
                }
            }
        }
        return c;
    }

    private IonApiCredentials load() {
        if (!ionApiFile.isEmpty()) {
            return IonApiCredentials.read(Path.of(ionApiFile));
        }
        if (sandbox != null) {
            return sandbox.get();
        }
        throw new IonApiFileException("bridge.erp.infor.ionapi-file is not set (BRIDGE_ERP_INFOR_IONAPI_FILE): "
                + "the Infor module needs the .ionapi file of its ION API client, or bridge.sandbox.enabled=true");
    }
}
