package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs say what the build holds: the operator's configuration reference names every
 * {@code bridge.*} key of the properties files and no other, every relative link of README.md and
 * docs/ leads to a file (and heading), and no doc cites notes kept outside the repository.
 */
class DocsTest {

    private static final Path REFERENCE = Path.of("docs", "operator.md");
    private static final String REFERENCE_SECTION = "## Configuration reference";
    /** A reference row: its first cell is one key; {@code <erp>} stands for each ERP module. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `(bridge\\.[^`]+)` \\|");
    /** What a row says of a key that is read but has no line in application*.properties. */
    private static final String ENVIRONMENT_ONLY = "environment only";
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyPropertiesKeyIsInTheConfigurationReference() throws IOException {
        List<Pattern> documented = referenceRows().keySet().stream().map(DocsTest::keyPattern).toList();
        assertThat(propertiesKeys())
                .as("bridge.* keys of application*.properties missing from " + REFERENCE + " \"Configuration reference\"")
                .filteredOn(key -> documented.stream().noneMatch(p -> p.matcher(key).matches()))
                .isEmpty();
    }

    @Test
    void everyReferenceKeyIsAPropertyOrEnvironmentOnly() throws IOException {
        Set<String> properties = propertiesKeys();
        List<String> unknown = new ArrayList<>();
        referenceRows().forEach((key, row) -> {
            Pattern pattern = keyPattern(key);
            if (properties.stream().noneMatch(p -> pattern.matcher(p).matches()) && !row.contains(ENVIRONMENT_ONLY)) {
                unknown.add(key);
            }
        });
        assertThat(unknown).as("keys in " + REFERENCE + " that no properties file sets and that are not marked '"
                + ENVIRONMENT_ONLY + "'").isEmpty();
    }

    @Test
    void everyRelativeLinkResolvesToAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = proseLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String problem = problemOf(doc, link.group(1));
                    if (problem != null) {
                        broken.add(doc + ":" + (i + 1) + ": " + link.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("relative links in README.md and docs/").isEmpty();
    }

    @Test
    void noDocCitesNotesOutsideTheRepository() throws IOException {
        List<String> citations = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            RepositoryCitationsTest.OUTSIDE_NOTES.stream().filter(text::contains)
                    .forEach(note -> citations.add(doc + " names " + note));
        }
        assertThat(citations).isEmpty();
    }

    /** The reference's rows by key, from its section of docs/operator.md. */
    private static Map<String, String> referenceRows() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(REFERENCE_SECTION);
        assertThat(start).as(REFERENCE + " has the section " + REFERENCE_SECTION).isNotNegative();
        Map<String, String> rows = new HashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = KEY_ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1), line);
            }
        }
        assertThat(rows).as("key rows in " + REFERENCE_SECTION).isNotEmpty();
        return rows;
    }

    private static Pattern keyPattern(String key) {
        return Pattern.compile(Pattern.quote(key).replace("<erp>", "\\E[a-z0-9-]+\\Q"));
    }

    private static Set<String> propertiesKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.properties")).toList()) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                properties.stringPropertyNames().stream().filter(k -> k.startsWith("bridge.")).forEach(keys::add);
            }
        }
        assertThat(keys).as("bridge.* keys in application*.properties").isNotEmpty();
        return keys;
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Null when the link is absolute (a URL) or resolves; else what is wrong with it. */
    private static String problemOf(Path doc, String link) throws IOException {
        if (link.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
            return null;
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (hash >= 0 && target.toString().endsWith(".md") && !anchors(target).contains(link.substring(hash + 1))) {
            return "no such heading in " + target.getFileName();
        }
        return null;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
        }
        return anchors;
    }

    /** The file's lines with those of fenced code blocks blanked, so code is neither link nor heading. */
    private static List<String> proseLines(Path markdown) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                lines.add("");
            } else {
                lines.add(inCode ? "" : line);
            }
        }
        return lines;
    }
}
