package io.iotbridge.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadingRejectedException#REASONS} names every reason the code refuses a reading for, so
 * each has its iotbridge_readings_rejected_total series at 0 from the start.
 */
class ReadingRejectedReasonsTest {

    private static final Pattern THROWN = Pattern.compile("new ReadingRejectedException\\(\\s*\"([^\"]+)\"");

    @Test
    void everyReasonTheCodeRefusesForIsListed() throws IOException {
        Set<String> thrown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = THROWN.matcher(Files.readString(file));
                while (m.find()) {
                    thrown.add(m.group(1));
                }
            }
        }
        assertThat(thrown).isNotEmpty();
        assertThat(ReadingRejectedException.REASONS).containsExactlyInAnyOrderElementsOf(thrown);
    }
}
