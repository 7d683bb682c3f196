package dev.streamcart.loadgen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Runs one benchmark JVM at a time: its output and errors go, line by line, to its log file and,
 * prefixed with the run's name, to the console; it is stopped with everything under it when it
 * runs out of time, and when this JVM is stopped (a shutdown hook), so no benchmark outlives
 * {@code ./platform bench}.
 */
final class ChildRunner {

    /** How a child ended. {@code exitCode} is -1 when it was killed; {@code lastError} its last line on stderr. */
    record Outcome(int exitCode, boolean timedOut, double seconds, @Nullable String lastError, int leftoversKilled) {}

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long the output readers may take after the child ended (a grandchild may still hold the pipe). */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final PrintStream console;
    private final AtomicReference<@Nullable ProcessTree> running = new AtomicReference<>();

    ChildRunner(Path workingDirectory, Map<String, String> environment, PrintStream console) {
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.console = console;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopRunning, "bench-stop-child"));
    }

    Outcome run(List<String> command, Path log, String prefix, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        try (Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            Process process = builder.start();
            ProcessTree tree = new ProcessTree(process);
            running.set(tree);
            AtomicReference<@Nullable String> lastError = new AtomicReference<>();
            Thread out = tee(process.getInputStream(), logWriter, prefix, null);
            Thread err = tee(process.getErrorStream(), logWriter, prefix, lastError);
            long deadline = started + timeout.toNanos();
            boolean timedOut = false;
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.observe();
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    say(prefix, "timed out after " + timeout + ": stopping it and everything it started");
                    break;
                }
            }
            int leftovers = timedOut ? tree.stop() : tree.killSurvivors();
            running.set(null);
            out.join(DRAIN.toMillis());
            err.join(DRAIN.toMillis());
            if (leftovers > 0) {
                say(prefix, "killed " + leftovers + " process(es) it left running");
            }
            synchronized (logWriter) {
                logWriter.flush();
            }
            return new Outcome(timedOut ? -1 : process.exitValue(), timedOut, (System.nanoTime() - started) / 1e9,
                    lastError.get(), leftovers);
        }
    }

    private Thread tee(InputStream stream, Writer log, String prefix, @Nullable AtomicReference<@Nullable String> last) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (last != null && !line.isBlank()) {
                        last.set(line);
                    }
                    synchronized (log) {
                        log.write(line);
                        log.write('\n');
                    }
                    console.println(prefix + " " + line);
                }
            } catch (IOException e) {
                // the child ended, or the log could not be written: the exit code tells the rest
            }
        }, "bench-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void say(String prefix, String message) {
        console.println(prefix + " [bench] " + message);
    }

    private void stopRunning() {
        ProcessTree tree = running.getAndSet(null);
        if (tree != null) {
            console.println("[bench] stopped: stopping the running benchmark and everything it started");
            try {
                tree.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
