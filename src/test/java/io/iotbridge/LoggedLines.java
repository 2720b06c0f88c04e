package io.iotbridge;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Every line logged in this JVM while open (message and thrown exception), for tests that read the log. */
public final class LoggedLines extends AbstractAppender implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> withCauses = new ConcurrentLinkedQueue<>();

    private LoggedLines() {
        super("logged-lines", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LoggedLines capture() {
        LoggedLines capture = new LoggedLines();
        capture.start();
        ((Logger) LogManager.getRootLogger()).addAppender(capture);
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        String thrown = event.getThrown() == null ? "" : " " + event.getThrown();
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage();
        lines.add(line + thrown);
        StringBuilder causes = new StringBuilder(line);
        for (Throwable t = event.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            causes.append("\n  caused by ").append(t);
        }
        withCauses.add(causes.toString());
    }

    /** Each line with every exception of its cause chain, as a log file's stack trace shows them. */
    public List<String> linesWithCauses() {
        return List.copyOf(withCauses);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines containing {@code text}. */
    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        ((Logger) LogManager.getRootLogger()).removeAppender(this);
        stop();
    }
}
