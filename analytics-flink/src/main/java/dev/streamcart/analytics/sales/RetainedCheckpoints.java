package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints that earlier runs of the job left in a local checkpoint folder
 * ({@code <folder>/<job id>/chk-<n>/_metadata}). Each run is a new Flink job with a new id, so the
 * newest completed checkpoint of any run is where the next run resumes; a {@code chk-} folder
 * without {@code _metadata} is a checkpoint that never completed. Each run also notes which state
 * backend wrote its checkpoints ({@code <folder>/<job id>/state-backend}), because a checkpoint
 * restores only into the backend that wrote it.
 */
final class RetainedCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedCheckpoints.class);
    private static final String METADATA = "_metadata";
    private static final String BACKEND_MARKER = "state-backend";

    private final Path folder;

    RetainedCheckpoints(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** Notes which backend writes the checkpoints of a run that is starting. */
    void recordBackend(JobID run, SalesJobConfig.StateBackend backend) {
        Path runFolder = folder.resolve(run.toHexString());
        try {
            Files.createDirectories(runFolder);
            Files.writeString(runFolder.resolve(BACKEND_MARKER), backend.flinkName() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot note the state backend of run " + run + " in " + runFolder, e);
        }
    }

    /**
     * The backend that wrote a retained checkpoint. Runs without a note are from releases that
     * kept all state on the heap.
     */
    SalesJobConfig.StateBackend backendOf(Path checkpoint) {
        Path marker = checkpoint.getParent().resolve(BACKEND_MARKER);
        if (!Files.isRegularFile(marker)) {
            return SalesJobConfig.StateBackend.HASHMAP;
        }
        try {
            return SalesJobConfig.StateBackend.parse(Files.readString(marker, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
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

    /** Deletes every run's checkpoints: the next run reads its topics from the earliest offsets. */
    void deleteAllRuns() throws IOException {
        LOG.info("deleting every retained checkpoint in {}", folder);
        deleteRecursively(folder);
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

    /**
     * Deletes a folder and everything in it. Files that vanish meanwhile are fine: a local Flink
     * cluster that is still shutting down (the state-backend migration's) deletes its own scratch
     * folders under the same root while this walks it.
     */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
