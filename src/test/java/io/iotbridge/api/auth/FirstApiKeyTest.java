package io.iotbridge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's first key: made once, printed once, only its hash kept. */
class FirstApiKeyTest {

    @TempDir
    Path state;

    @Test
    void theFirstStartPrintsAKeyOnceAndKeepsOnlyItsHash() throws Exception {
        Path file = state.resolve("api-keys");
        List<String> printed = capture(() -> FirstApiKey.load("", file, false, 8080));
        Matcher shown = Pattern.compile("admin\\.[A-Za-z0-9_-]{43}").matcher(String.join("\n", printed));
        assertThat(shown.find()).as(printed.toString()).isTrue();
        String key = shown.group();
        // the key on a line of its own, as the quick start shows it, to copy without the log's prefix
        assertThat(String.join("\n", printed)).contains(System.lineSeparator() + "    " + key + System.lineSeparator())
                .doesNotContain("%n");
        assertThat(Files.readString(file)).startsWith("admin:ingest,read,operate:$2b$").doesNotContain(key.substring(6));

        List<String> again = capture(() -> assertThat(FirstApiKey.load("", file, false, 8080).authenticate(key))
                .hasValueSatisfying(c -> assertThat(c.roles()).containsExactlyInAnyOrder(Role.values())));
        assertThat(again).isEmpty();
    }

    @Test
    void configuredKeysOrATokenIssuerMakeNone() throws Exception {
        String key = ApiKeyHash.newKey("mes");
        ApiKeys keys = FirstApiKey.load("mes:read:" + ApiKeyHash.hash(key, 4), state.resolve("a"), false, 8080);
        assertThat(keys.authenticate(key)).hasValueSatisfying(c -> assertThat(c.roles()).containsExactly(Role.READ));
        assertThat(keys.authenticate(key + "x")).isEmpty();
        assertThat(state.resolve("a")).doesNotExist();
        assertThat(FirstApiKey.load("", state.resolve("b"), true, 8080).isEmpty()).isTrue();
        assertThat(state.resolve("b")).doesNotExist();
    }

    private static List<String> capture(Runnable action) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LogManager.getLogger(FirstApiKey.class);
        AbstractAppender appender = new AbstractAppender("capture-first-key", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.removeAppender(appender);
        }
        return lines;
    }
}
