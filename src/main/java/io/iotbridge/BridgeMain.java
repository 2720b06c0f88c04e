package io.iotbridge;

import org.apache.camel.main.Main;

/** Starts the bridge: {@code java -jar target/iot-erp-bridge.jar}. */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create();
        main.run(args);
    }

    /** The bridge as the jar runs it; tests start the same one with override properties. */
    public static Main create() {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        return main;
    }
}
