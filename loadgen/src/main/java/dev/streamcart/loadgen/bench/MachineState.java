package dev.streamcart.loadgen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the report says about the machine and the code each figure came from. */
public final class MachineState {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private MachineState() {}

    /** The 1-minute load average, or -1 where the system does not say. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(LOAD_AVERAGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The short commit hash, with {@code -dirty} when the work tree differs from it: figures from a
     * dirty tree come from no commit anyone can check out.
     */
    public static String commit(Path repository) {
        String hash = git(repository, List.of("git", "rev-parse", "--short", "HEAD"));
        if (hash == null || hash.isEmpty()) {
            return "unknown";
        }
        String status = git(repository, List.of("git", "status", "--porcelain"));
        return status == null || !status.isEmpty() ? hash + "-dirty" : hash;
    }

    private static @Nullable String git(Path repository, List<String> command) {
        try {
            Process git = new ProcessBuilder(command).directory(repository.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
