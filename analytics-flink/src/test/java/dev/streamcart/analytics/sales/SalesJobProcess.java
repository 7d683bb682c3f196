package dev.streamcart.analytics.sales;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link SalesPerMinuteJob#main} in a child JVM, started as the launcher starts it, so the test
 * can kill it with SIGKILL like a crash would.
 */
final class SalesJobProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private SalesJobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SalesJobProcess start(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dplatform.parent-pid=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SalesPerMinuteJob.class.getName());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new SalesJobProcess(process, log);
    }

    SalesJobProcess awaitReady() {
        await("analytics-flink ready (log: " + log + ")").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("job process exited with " + process.exitValue() + ":\n" + log());
                    }
                    return log().contains("STREAMCART READY " + SalesPerMinuteJob.SERVICE_NAME);
                });
        return this;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no cancellation, exactly like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook cancels the job (the JVM then exits with 143, as on any SIGTERM). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("job process did not stop within 60 s of SIGTERM");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
