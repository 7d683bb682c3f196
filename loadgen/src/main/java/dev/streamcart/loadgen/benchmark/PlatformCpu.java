package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the machine's CPU went between two samples: each process of one platform by its role, this
 * JVM (the load's client), and whatever else ran. A platform process is one whose command line names
 * the platform's data folder, or a descendant of one (PostgreSQL's backends rename themselves). Its
 * role is the service folder in its {@code -Djava.io.tmpdir} for the JVMs, otherwise its executable's
 * name. Linux only: the machine's busy time comes from {@code /proc/stat}.
 */
public final class PlatformCpu {

    /** The ticks per second of {@code /proc/stat}: USER_HZ, 100 on every Linux architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    static final String CLIENT = "load client";
    static final String OUTSIDE = "outside the platform";

    /** CPU time per process at one instant, with the machine's busy and total ticks. */
    public record Sample(long nanoTime, Map<Long, ProcessTime> processes, Duration self, long busyTicks) {}

    /** One platform process's role and CPU time so far. */
    public record ProcessTime(String role, Duration cpu) {}

    /** Cores used on average between two samples, by role, by the client and by the whole machine. */
    public record Usage(double seconds, Map<String, Double> coresByRole, double machineBusyCores, int cores) {

        /** One line: the machine's busy cores first, then each role, largest first. */
        public String describe() {
            String roles = coresByRole.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .filter(role -> role.getValue() >= 0.005)
                    .map(role -> String.format(Locale.ROOT, "%s %.2f", role.getKey(), role.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%.2f of %d cores busy over %.1f s: %s", machineBusyCores, cores, seconds,
                    roles);
        }

        /** The cores every platform process used together (not the client, not the rest of the machine). */
        public double platformCores() {
            return coresByRole.entrySet().stream()
                    .filter(role -> !role.getKey().equals(CLIENT) && !role.getKey().equals(OUTSIDE))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        /** The cores the platform used outside one role: its idle pollers when only the API is asked. */
        public double otherServicesCores(String role) {
            return platformCores() - coresByRole.getOrDefault(role, 0.0);
        }
    }

    private final String dataDirectory;

    public PlatformCpu(Path dataDirectory) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize().toString();
    }

    public Sample sample() {
        Map<Long, ProcessTime> processes = new HashMap<>();
        ProcessHandle.allProcesses()
                .filter(this::namesDataDirectory)
                .forEach(root -> {
                    record(root, processes);
                    root.descendants().forEach(child -> record(child, processes));
                });
        processes.remove(ProcessHandle.current().pid());
        return new Sample(System.nanoTime(), Map.copyOf(processes), cpuOf(ProcessHandle.current()), machineBusyTicks());
    }

    public static Usage between(Sample before, Sample after) {
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Double> cores = new TreeMap<>();
        after.processes().forEach((pid, now) -> {
            ProcessTime then = before.processes().get(pid);
            Duration used = then == null ? now.cpu() : now.cpu().minus(then.cpu());
            cores.merge(now.role(), used.toNanos() / 1e9 / seconds, Double::sum);
        });
        cores.put(CLIENT, after.self().minus(before.self()).toNanos() / 1e9 / seconds);
        double busy = (after.busyTicks() - before.busyTicks()) / TICKS_PER_SECOND / seconds;
        double accounted = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        cores.put(OUTSIDE, Math.max(0, busy - accounted));
        return new Usage(seconds, Map.copyOf(cores), busy, Runtime.getRuntime().availableProcessors());
    }

    private boolean namesDataDirectory(ProcessHandle process) {
        return process.info().arguments()
                .map(arguments -> List.of(arguments).stream().anyMatch(argument -> argument.contains(dataDirectory)))
                .orElse(false);
    }

    private static void record(ProcessHandle process, Map<Long, ProcessTime> into) {
        into.computeIfAbsent(process.pid(), pid -> new ProcessTime(role(process), cpuOf(process)));
    }

    static String role(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isPresent()) {
            for (String argument : arguments.get()) {
                if (argument.startsWith("-Djava.io.tmpdir=")) {
                    Path tmp = Path.of(argument.substring("-Djava.io.tmpdir=".length()));
                    if (tmp.getParent() != null && tmp.getParent().getFileName() != null) {
                        return tmp.getParent().getFileName().toString();
                    }
                }
            }
        }
        return process.info().command().map(command -> Path.of(command).getFileName().toString()).orElse("unknown");
    }

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Busy ticks of all cores: the first line of /proc/stat up to steal, idle and iowait not counting. */
    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
