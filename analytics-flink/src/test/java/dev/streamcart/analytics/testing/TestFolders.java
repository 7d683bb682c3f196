package dev.streamcart.analytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders of a test under the module's {@code target/}, emptied so each run starts from nothing. */
public final class TestFolders {

    private TestFolders() {}

    /** {@code target/it-data/<name>}, deleted if a previous run left it, not yet created. */
    public static Path fresh(String name) {
        Path folder = Path.of("target", "it-data", name).toAbsolutePath();
        delete(folder);
        return folder;
    }

    /** Deletes {@code folder} and everything in it, if it exists. */
    public static void delete(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
