package dev.streamcart.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process with its output in a log file, registered with the {@link Reaper} while it
 * runs. Started in its own session (setsid) so a Ctrl-C in the terminal reaches only the
 * launcher, which then stops children in dependency order.
 */
public final class ManagedProcess implements AutoCloseable {

    public static final String READY_MARKER = "STREAMCART READY";

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Reaper reaper;
    /** Where this run's output starts in the log, which keeps earlier runs' output. */
    private final long logStart;

    private ManagedProcess(String name, Process process, Path logFile, Reaper reaper, long logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.reaper = reaper;
        this.logStart = logStart;
    }

    /** Starts {@code command} with {@code environment} added, appending its output to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, Reaper reaper) {
        Objects.requireNonNull(command, "command");
        List<String> detached = new ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long logStart = Files.size(logFile);
            ProcessBuilder builder = new ProcessBuilder(detached)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            reaper.register(process.pid());
            return new ManagedProcess(name, process, logFile, reaper, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the log shows the ready marker line, failing early if the process dies. */
    public void awaitReadyLine(Duration timeout) {
        awaitReady(timeout, () -> logContains(READY_MARKER + " "));
    }

    /** Waits until {@code probe} answers true, failing early if the process dies. */
    public void awaitReady(Duration timeout, BooleanSupplier probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (!probe.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; see " + logFile + "\n" + tail(30));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile + "\n" + tail(30));
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** Whether this run has printed its ready line. */
    public boolean isReady() {
        return logContains(READY_MARKER + " ");
    }

    private boolean logContains(String text) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            channel.position(logStart);
            String output = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.ISO_8859_1);
            return output.contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Waits for a one-shot process to end and returns its exit code; after {@code timeout} it is
     * stopped and the wait fails.
     */
    public int awaitExit(Duration timeout) {
        boolean exited = awaitExitWithin(timeout);
        if (!exited) {
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + logFile + "\n" + tail(30));
        }
        reaper.unregister(process.pid());
        return process.exitValue();
    }

    /** SIGKILL, as a crash would; for failure tests. */
    public void kill() {
        process.destroyForcibly();
        awaitExitWithin(Duration.ofSeconds(10));
        reaper.unregister(process.pid());
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExitWithin(grace)) {
                process.destroyForcibly();
                awaitExitWithin(Duration.ofSeconds(10));
            }
        }
        reaper.unregister(process.pid());
    }

    private boolean awaitExitWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
