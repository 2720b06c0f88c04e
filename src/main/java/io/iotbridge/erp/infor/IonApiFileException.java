package io.iotbridge.erp.infor;

import java.nio.file.Path;

/** The .ionapi file (bridge.erp.infor.ionapi-file) is missing or unusable; the message names it. */
public class IonApiFileException extends RuntimeException {

    public IonApiFileException(Path file, String problem) {
        super("Infor .ionapi file " + file.toAbsolutePath() + " " + problem);
    }

    public IonApiFileException(String message) {
        super(message);
    }
}
