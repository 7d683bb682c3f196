package dev.streamcart.localstack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test data folders: a run that starts from an empty folder cannot inherit an earlier run's state. */
public final class Folders {

    private Folders() {}

    /** Deletes {@code folder} and everything in it, if it exists. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@code folder}, emptied and created. */
    public static Path emptied(Path folder) throws IOException {
        delete(folder);
        return Files.createDirectories(folder);
    }
}
