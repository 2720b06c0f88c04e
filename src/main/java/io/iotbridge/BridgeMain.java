package io.iotbridge;

import io.iotbridge.api.ApiCors;
import io.iotbridge.api.auth.HashKeyCommand;
import io.iotbridge.api.ServerProblems;
import io.iotbridge.api.auth.MetricsAccess;
import io.iotbridge.catalogue.CatalogueCommand;
import io.iotbridge.catalogue.CatalogueWiring;
import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.SimulatorMain;
import io.iotbridge.erp.ErpBreakers;
import io.iotbridge.runtime.BridgeCamelMain;
import io.iotbridge.runtime.SinkKameletsFirst;
import io.iotbridge.tls.ServerTls;
import java.util.Optional;
import org.apache.camel.main.Main;

/**
 * Starts the bridge: {@code java -jar target/iot-erp-bridge.jar}, or only the line simulator:
 * {@code java -jar target/iot-erp-bridge.jar simulate}, or checks a catalogue offline:
 * {@code java -jar target/iot-erp-bridge.jar check [--format json] routes/}, or makes an API key:
 * {@code java -jar target/iot-erp-bridge.jar hash-key <name> [roles]}.
 */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            SimulatorMain.run(args);
            return;
        }
        if (args.length > 0 && args[0].equals("hash-key")) {
            System.exit(HashKeyCommand.run(args, System.out));
        }
        if (args.length > 0 && args[0].equals("check")) {
            // before anything logs: the log goes to standard error, standard output holds the findings only
            System.setProperty("log4j2.configurationFile", "log4j2-command.xml");
            System.exit(CatalogueCommand.run(args, System.out));
        }
        Optional<String> badLogFormat = LogFormat.refusal();
        if (badLogFormat.isPresent()) {
            System.err.println(badLogFormat.get());
            System.exit(1);
        }
        Main main = create();
        try {
            main.run(args);
        } catch (StartRequirements.StartRefusedException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The bridge as the jar runs it; tests start the same one with override properties. */
    public static Main create() {
        // configuration classes (each package's and each ERP module's) are found by package scan from
        // this class's package, io.iotbridge
        Main main = new BridgeCamelMain(BridgeMain.class);
        // first: nothing starts while prod holds the demo's settings or an address travels in clear
        main.addMainListener(new StartRequirements());
        main.addMainListener(new ServerTls());
        main.addMainListener(new CatalogueWiring());
        main.addMainListener(new SinkKameletsFirst());
        main.addMainListener(new EmbeddedServices());
        main.addMainListener(new ErpBreakers());
        main.addMainListener(new MetricsAccess());
        main.addMainListener(new ServerProblems());
        main.addMainListener(new ApiCors());
        main.addMainListener(new StartupSummary());
        return main;
    }
}
