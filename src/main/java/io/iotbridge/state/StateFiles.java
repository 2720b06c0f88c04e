package io.iotbridge.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The small files under {@code bridge.state-dir} that must survive a crash: each is replaced
 * atomically (written to a temporary file, forced to disk, then renamed), so a crash leaves the
 * old or the new file, never half of one.
 */
public final class StateFiles {

    private StateFiles() {
    }

    /** The file of {@code id} in {@code dir}; ids (sensor ids) may hold any character, so it is URL-encoded. */
    public static Path fileFor(Path dir, String id) {
        return dir.resolve(URLEncoder.encode(id, StandardCharsets.UTF_8) + ".json");
    }

    public static void replace(Path file, byte[] bytes, String what) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " " + file, e);
        }
    }
}
