package io.iotbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no file in it cites the team's notes kept outside it, which a reader
 * of the repository cannot open. The names are assembled here so that this file does not cite them
 * itself.
 */
class RepositoryCitationsTest {

    static final List<String> OUTSIDE_NOTES = List.of(
            "DESIGN" + ".md", "erp-interfaces" + ".md", ".." + "/shared");
    /** Build output, Git's own files and runtime state (all ignored by Git). */
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", "data", ".idea", ".vscode");

    @Test
    void noFileCitesNotesOutsideTheRepository() throws IOException, InterruptedException {
        List<Path> files = repositoryFiles();
        assertThat(files).as("the files looked at").contains(Path.of("README.md"), Path.of("schemas", "infor", "README.md"));

        List<String> citations = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String note : OUTSIDE_NOTES) {
                    if (lines[i].contains(note)) {
                        citations.add(file + ":" + (i + 1) + " names " + note);
                    }
                }
            }
        }
        assertThat(citations).as("citations of notes outside the repository").isEmpty();
    }

    /** Tracked files and new ones Git does not ignore; without Git, the tree minus NOT_SOURCES. */
    private static List<Path> repositoryFiles() throws IOException, InterruptedException {
        List<Path> listed = gitFiles();
        if (listed != null) {
            return listed;
        }
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> Path.of(".").relativize(p))
                    .filter(p -> Arrays.stream(p.toString().split("[/\\\\]")).noneMatch(NOT_SOURCES::contains))
                    .toList();
        }
    }

    private static List<Path> gitFiles() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return null;
        }
        byte[] out = git.getInputStream().readAllBytes();
        if (!git.waitFor(30, TimeUnit.SECONDS)) {
            git.destroyForcibly();
            return null;
        }
        if (git.exitValue() != 0) {
            return null;
        }
        return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                .filter(name -> !name.isEmpty())
                .map(Path::of)
                // a tracked file deleted in the work tree is not there to read
                .filter(Files::isRegularFile)
                .toList();
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
