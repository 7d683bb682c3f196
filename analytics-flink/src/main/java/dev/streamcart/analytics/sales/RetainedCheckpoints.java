package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints that earlier runs of the job left in a local checkpoint folder
 * ({@code <folder>/<job id>/chk-<n>/_metadata}). Each run is a new Flink job with a new id, so the
 * newest completed checkpoint of any run is where the next run resumes; a {@code chk-} folder
 * without {@code _metadata} is a checkpoint that never completed.
 */
final class RetainedCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedCheckpoints.class);
    private static final String METADATA = "_metadata";

    private final Path folder;

    RetainedCheckpoints(Path folder) {
        this.folder = folder;
    }

    private record Completed(Path directory, FileTime completedAt, long number) {}

    /** The newest completed checkpoint's folder, if any run completed one. */
    Optional<Path> newest() {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(folder)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completedCheckpoints)
                    .max(Comparator.comparing(Completed::completedAt).thenComparingLong(Completed::number))
                    .map(Completed::directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + folder, e);
        }
    }

    /**
     * Deletes the folders of earlier runs except the one holding {@code kept}: they hold only
     * older checkpoints (Flink keeps the newest one per run), never needed again.
     */
    void deleteAllRunsExcept(Path kept) {
        Path keptRun = kept.getParent();
        try (Stream<Path> runs = Files.list(folder)) {
            for (Path run : runs.filter(Files::isDirectory).filter(run -> !run.equals(keptRun)).toList()) {
                LOG.info("deleting superseded checkpoints of an earlier run: {}", run);
                deleteRecursively(run);
            }
        } catch (IOException e) {
            LOG.warn("could not delete superseded checkpoints in {}: {}", folder, e.getMessage());
        }
    }

    private static Stream<Completed> completedCheckpoints(Path jobFolder) {
        try (Stream<Path> children = Files.list(jobFolder)) {
            List<Completed> completed = children
                    .filter(child -> child.getFileName().toString().matches("chk-\\d+"))
                    .filter(child -> Files.isRegularFile(child.resolve(METADATA)))
                    .map(child -> new Completed(child, lastModified(child.resolve(METADATA)),
                            Long.parseLong(child.getFileName().toString().substring(4))))
                    .toList();
            return completed.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jobFolder, e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
