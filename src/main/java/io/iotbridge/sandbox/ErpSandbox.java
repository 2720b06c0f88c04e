package io.iotbridge.sandbox;

/**
 * An ERP module's sandbox: an emulator of that ERP's interface that records what it accepts in
 * the {@link SandboxRecorder}. Each module's configuration binds one, unstarted; the embedded
 * services start every bound sandbox when {@code bridge.sandbox.enabled} is true.
 */
public interface ErpSandbox extends AutoCloseable {

    /** The module's name, e.g. {@code sap-b1}. */
    String erp();

    /** Where the sandbox listens, as the module's {@code bridge.erp.<erp>.url} default names it. */
    String address();

    void start() throws Exception;
}
