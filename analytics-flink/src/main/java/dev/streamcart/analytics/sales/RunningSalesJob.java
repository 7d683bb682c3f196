package dev.streamcart.analytics.sales;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A submitted sales job: wait for it to run, for it to end, or cancel it (keeping its checkpoints). */
public final class RunningSalesJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningSalesJob.class);

    private final JobClient client;
    private final @Nullable Path restoredFrom;

    RunningSalesJob(JobClient client, @Nullable Path restoredFrom) {
        this.client = client;
        this.restoredFrom = restoredFrom;
    }

    public JobID jobId() {
        return client.getJobID();
    }

    /** The checkpoint this run resumed from; empty when it started from the earliest offsets. */
    public Optional<Path> restoredFrom() {
        return Optional.ofNullable(restoredFrom);
    }

    /** Waits until the job is running; fails when it ends or fails first. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JobStatus status = status();
            if (status == JobStatus.RUNNING) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("sales job ended before it ran: " + status, failureOf());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("sales job not running after " + timeout + " (status " + status + ")");
            }
            Thread.sleep(100); // polling the job's status: there is no callback for "running"
        }
    }

    public JobStatus status() throws InterruptedException {
        try {
            return client.getJobStatus().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the sales job's status", e);
        }
    }

    /** Blocks until the job ends; returns normally only when it finished (a streaming job does not). */
    public JobExecutionResult awaitTermination() throws InterruptedException, ExecutionException {
        return client.getJobExecutionResult().get();
    }

    private @Nullable Throwable failureOf() {
        try {
            client.getJobExecutionResult().get(5, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException | TimeoutException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /** Cancels the job. Its newest checkpoint is retained, and the next start resumes from it. */
    @Override
    public void close() {
        try {
            if (!status().isGloballyTerminalState()) {
                LOG.info("cancelling sales job {}", client.getJobID());
                client.cancel().get(30, TimeUnit.SECONDS);
            }
            client.getJobExecutionResult().handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            LOG.warn("sales job {} did not stop cleanly: {}", client.getJobID(), e.toString());
        }
    }
}
