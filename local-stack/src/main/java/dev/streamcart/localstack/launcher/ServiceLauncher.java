package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.schemas.config.CommonKeys;

/**
 * Starts platform services as child JVMs: {@code java -Xmx<heap> -D<setting>=<value> -cp
 * <module>/target/lib/* <main>}. Settings travel as system properties, which win over the
 * environment in every service's configuration.
 */
public final class ServiceLauncher {

    /** A service's stop-the-world log sits next to its output log: {@code logs/<service>.gc.log}. */
    public static final String GC_LOG_SUFFIX = ".gc.log";

    private final PlatformLayout layout;
    private final Reaper reaper;
    private volatile Map<String, String> environment = Map.of();

    public ServiceLauncher(PlatformLayout layout, Reaper reaper) {
        this.layout = layout;
        this.reaper = reaper;
    }

    /** Environment variables every service gets: secrets go here, never on the command line. */
    public void environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
    }

    public ManagedProcess start(ServiceSpec spec, Map<String, String> settings) {
        return ManagedProcess.start(spec.name(), command(spec, settings), environment, workingDirectory(spec),
                layout.logs().resolve(spec.name() + ".log"), reaper);
    }

    /** Runs a one-shot command (a migration, a training run) to its end; fails on a non-zero exit. */
    public void runToCompletion(ServiceSpec spec, Map<String, String> settings, Duration timeout) {
        ManagedProcess process = start(spec, settings);
        int exit = process.awaitExit(timeout);
        if (exit != 0) {
            throw new IllegalStateException(spec.name() + " failed with exit code " + exit + "; see "
                    + process.logFile() + "\n" + process.tail(30));
        }
    }

    /** Runs a one-shot command to its end and returns its exit code. */
    public int run(ServiceSpec spec, Map<String, String> settings, Duration timeout) {
        return start(spec, settings).awaitExit(timeout);
    }

    /** Runs a command with this terminal as its output (for commands a person watches) and returns its exit code. */
    public int runAttached(ServiceSpec spec, Map<String, String> settings) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(spec, settings))
                    .directory(workingDirectory(spec).toFile())
                    .inheritIO();
            builder.environment().putAll(environment);
            Process process = builder.start();
            reaper.register(process.pid());
            try {
                return process.waitFor();
            } finally {
                reaper.unregister(process.pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + spec.name(), e);
        }
    }

    List<String> command(ServiceSpec spec, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + spec.heap());
        command.add("-XX:+UseSerialGC");
        command.add(stopTheWorldLog(spec));
        command.add("-Djava.io.tmpdir=" + tmpDirectory(spec));
        command.add("-D" + CommonKeys.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-D" + CommonKeys.DATA_DIR + "=" + layout.servicesRoot());
        command.add("-D" + CommonKeys.MODELS_DIR + "=" + layout.models());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(layout.classpathOf(spec.module()));
        command.add(spec.mainClass());
        command.addAll(spec.arguments());
        return command;
    }

    /**
     * Every pause of the JVM (collections and other safepoints), with wall-clock time, in
     * {@code logs/<service>.gc.log}: where a latency tail comes from, read next to the service's own log.
     */
    private String stopTheWorldLog(ServiceSpec spec) {
        Path file = createDirectories(layout.logs()).resolve(spec.name() + GC_LOG_SUFFIX);
        return "-Xlog:gc,safepoint:file=\"" + file + "\":utctime,uptime,level,tags:filecount=2,filesize=10m";
    }

    private Path workingDirectory(ServiceSpec spec) {
        return createDirectories(layout.serviceData(spec.name()));
    }

    private Path tmpDirectory(ServiceSpec spec) {
        return createDirectories(layout.serviceData(spec.name()).resolve("tmp"));
    }

    private static Path createDirectories(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
