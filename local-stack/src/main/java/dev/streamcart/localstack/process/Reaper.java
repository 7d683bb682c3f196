package dev.streamcart.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guarantees that processes started by this JVM do not outlive it. A detached shell watchdog
 * (reaper.sh, in its own session) polls this JVM's pid and, once it is gone, terminates every pid
 * registered here. Orderly shutdown unregisters processes as it stops them, so the reaper only
 * acts after a crash or SIGKILL.
 */
public final class Reaper {

    private static Reaper instance;

    private final Path pidFile;
    private final Set<Long> pids = new LinkedHashSet<>();

    private Reaper(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** The reaper of this JVM, started on first use with its files under {@code folder}. */
    public static synchronized Reaper forThisJvm(Path folder) {
        if (instance == null) {
            instance = start(folder);
        }
        return instance;
    }

    private static Reaper start(Path folder) {
        Objects.requireNonNull(folder, "folder");
        try {
            Files.createDirectories(folder);
            long self = ProcessHandle.current().pid();
            Path script = folder.resolve("reaper.sh");
            try (InputStream in = Reaper.class.getResourceAsStream("reaper.sh")) {
                Files.copy(Objects.requireNonNull(in, "reaper.sh resource"), script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path pidFile = folder.resolve("children-of-" + self + ".pids");
            Files.writeString(pidFile, "");
            new ProcessBuilder("setsid", "sh", script.toString(), Long.toString(self), pidFile.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Reaper(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reaper in " + folder, e);
        }
    }

    public synchronized void register(long pid) {
        if (pid > 0 && pids.add(pid)) {
            write();
        }
    }

    public synchronized void unregister(long pid) {
        if (pids.remove(pid)) {
            write();
        }
    }

    private void write() {
        try {
            Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(temporary, pids.stream().map(String::valueOf).collect(Collectors.joining("\n")) + "\n");
            Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }
}
