package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the local job's state to another state backend the way Flink documents it: restore the
 * retained checkpoint with the backend that wrote it, stop that job with a savepoint in the
 * canonical format (which every backend reads), and start the job from the savepoint. A checkpoint
 * is in its backend's own format: RocksDB cannot restore one written by the heap backend.
 *
 * <p>Where the heap cannot hold the old state, the state is rebuilt from the topics instead (see
 * {@link #migrate}). The savepoint goes to {@code savepoints/} beside the checkpoint folder. The checkpoint it came
 * from is kept until the new backend has completed a checkpoint of its own, so a crash in between
 * migrates again from the same place.
 */
final class StateBackendMigration {

    private static final Logger LOG = LoggerFactory.getLogger(StateBackendMigration.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(15);
    private static final String ATTEMPT_MARKER = "migration-attempted";

    private final SalesJobConfig config;
    private final RetainedCheckpoints retained;

    StateBackendMigration(SalesJobConfig config, RetainedCheckpoints retained) {
        this.config = config;
        this.retained = retained;
    }

    /**
     * The canonical savepoint to start the configured backend from, or empty when the state is to be
     * rebuilt from the earliest offsets instead (the retained checkpoints are then deleted). The
     * local broker keeps every event and every ClickHouse row is rewritten idempotently, so a
     * rebuild loses nothing; it is chosen when the heap cannot be expected to hold the old state
     * (its checkpoint is larger than a quarter of the heap), or when an earlier attempt at this
     * migration never finished (the process died, typically out of heap).
     */
    Optional<Path> migrate(Path checkpoint, SalesJobConfig.StateBackend writtenBy) throws Exception {
        Path attempted = checkpoint.getParent().resolve(ATTEMPT_MARKER);
        long stateBytes = sizeOf(checkpoint.getParent());
        long heapBytes = Runtime.getRuntime().maxMemory();
        String reason = null;
        if (Files.exists(attempted)) {
            reason = "an earlier attempt to move it did not finish";
        } else if (writtenBy == SalesJobConfig.StateBackend.HASHMAP && stateBytes > heapBytes / 4) {
            reason = String.format("its %,d MB would not fit in this JVM's %,d MB heap to be moved",
                    stateBytes >> 20, heapBytes >> 20);
        }
        if (reason != null) {
            LOG.warn("state backend changed from {} to {}, and checkpoint {} is not moved over: {}. Rebuilding the "
                    + "state from the earliest offsets instead (the topics keep every event, rows are rewritten "
                    + "idempotently)", writtenBy.flinkName(), config.stateBackend().flinkName(), checkpoint, reason);
            retained.deleteAllRuns();
            return Optional.empty();
        }
        Files.writeString(attempted, Instant.now() + "\n", StandardCharsets.UTF_8);
        Path savepoint = toCanonicalSavepoint(checkpoint, writtenBy);
        Files.delete(attempted);
        return Optional.of(savepoint);
    }

    /** Restores {@code checkpoint} with {@code writtenBy} and returns the canonical savepoint the job stopped with. */
    private Path toCanonicalSavepoint(Path checkpoint, SalesJobConfig.StateBackend writtenBy) throws Exception {
        LOG.info("state backend changed from {} to {}: turning checkpoint {} into a canonical savepoint",
                writtenBy.flinkName(), config.stateBackend().flinkName(), checkpoint);
        JobClient client = SalesPerMinuteJob.submitLocally(config, writtenBy, checkpoint,
                SalesPerMinuteJob.JOB_NAME + " (state backend migration)");
        retained.recordBackend(client.getJobID(), writtenBy);
        RunningSalesJob job = new RunningSalesJob(client, checkpoint);
        try {
            job.awaitRunning(START_TIMEOUT);
            String pointer = stopWithSavepoint(job, client);
            Path savepoint = SalesPerMinuteJob.localFolder(pointer)
                    .orElseThrow(() -> new IllegalStateException("savepoint not on a local disk: " + pointer));
            // the MiniCluster of the stopped job must be gone before the next one starts in this JVM
            client.getJobExecutionResult().handle((result, failure) -> null)
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("state of checkpoint {} saved as canonical savepoint {}", checkpoint, savepoint);
            return savepoint;
        } catch (Exception e) {
            job.close();
            throw new IllegalStateException("could not move the job's state from " + writtenBy.flinkName() + " to "
                    + config.stateBackend().flinkName() + ". Start with " + SalesJobConfig.STATE_BACKEND + "="
                    + writtenBy.flinkName() + ", or delete " + retained.folder()
                    + " to rebuild the state by replaying the topics from the earliest offsets", e);
        }
    }

    /** Deletes the savepoints of a finished migration: the new backend has checkpoints of its own now. */
    static void deleteSavepoints(RetainedCheckpoints retained) {
        Path folder = savepointsFolder(retained);
        try {
            RetainedCheckpoints.deleteRecursively(folder);
        } catch (IOException e) {
            LOG.warn("could not delete the savepoints of a finished state backend migration in {}: {}", folder,
                    e.getMessage());
        }
    }

    private static Path savepointsFolder(RetainedCheckpoints retained) {
        return retained.folder().resolveSibling("savepoints");
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private String stopWithSavepoint(RunningSalesJob job, JobClient client) throws Exception {
        Instant deadline = Instant.now().plus(SAVEPOINT_TIMEOUT);
        String target = savepointsFolder(retained).toUri().toString();
        while (true) {
            try {
                return client.stopWithSavepoint(false, target, SavepointFormatType.CANONICAL)
                        .get(SAVEPOINT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // tasks still restoring their state refuse a savepoint: try again until every task runs
                if (Instant.now().isAfter(deadline) || job.status().isGloballyTerminalState()) {
                    throw e;
                }
                LOG.info("no savepoint yet ({}); trying again", ExceptionUtils.stripExecutionException(e).getMessage());
                Thread.sleep(1_000);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no savepoint within " + SAVEPOINT_TIMEOUT, e);
            }
        }
    }
}
