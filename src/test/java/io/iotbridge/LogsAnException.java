package io.iotbridge;

import java.io.IOException;
import org.slf4j.LoggerFactory;

/** Logs one ERROR with an exception and its cause through the bridge's log4j2.xml (LogFormatTest). */
public final class LogsAnException {

    static final String MESSAGE = "an unexpected failure";
    static final String FAILURE = "the outer failure";
    static final String CAUSE = "the cause";

    private LogsAnException() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger(LogsAnException.class).error(MESSAGE,
                new IllegalStateException(FAILURE, new IOException(CAUSE)));
    }
}
