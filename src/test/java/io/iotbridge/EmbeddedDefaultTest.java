package io.iotbridge;

import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.LineSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The embedded default: everything in-process, no external service, the SAP module on the Service
 * Layer (its default; ExternalBrokersTest runs the same contract with the DI Server).
 */
class EmbeddedDefaultTest extends PipelineContract {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness().with("bridge.erp.sap-b1.transport", "service-layer").start();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    protected BridgeHarness bridge() {
        return bridge;
    }

    @Override
    protected String amqpUrl() {
        return "amqp://guest:guest@localhost:" + bridge.property("bridge.embedded.amqp.port");
    }

    @Override
    protected String mqttUrl() {
        return "tcp://localhost:" + bridge.property("bridge.embedded.mqtt.port");
    }

    @Override
    protected LineSimulator line() {
        return bridge.context().getRegistry().lookupByNameAndType(EmbeddedServices.LINE_SIMULATOR, LineSimulator.class);
    }
}
